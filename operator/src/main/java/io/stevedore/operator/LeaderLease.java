package io.stevedore.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the leader Lease when a leading replica stops, as client-go's ReleaseOnCancel does
 * (JOSDK does not): the next replica takes over at once instead of waiting the lease out.
 */
final class LeaderLease {
  private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

  private LeaderLease() {}

  /** Empties the Lease's holder if it is still {@code settings}' identity. */
  static void release(KubernetesClient client, OperatorSettings settings) {
    var lock = new LeaseLock(settings.leaseNamespace(), settings.leaseName(), settings.identity());
    try {
      LeaderElectionRecord current = lock.get(client);
      if (current == null || !settings.identity().equals(current.getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now();
      lock.update(
          client,
          new LeaderElectionRecord(
              "", Duration.ofSeconds(1), now, now, current.getLeaderTransitions()));
      log.info("Released the leader Lease {}", settings.leaseName());
    } catch (KubernetesClientException e) {
      // The lease then expires as it would have without the release.
      log.warn("Could not release the leader Lease {}: {}", settings.leaseName(), e.getMessage());
    }
  }
}
