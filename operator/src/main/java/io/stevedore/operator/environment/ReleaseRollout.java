package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.kube.DeploymentRollout;
import io.stevedore.operator.kube.Labels;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Whether an Environment's release runs everywhere: the ingest Deployment rolled out (as `kubectl
 * rollout status` says) and every worker Deployment of its pools on the release with no pod of an
 * older one left. Workers are not held to all replicas available: the autoscaler changes their
 * count, and pods it adds while scaling out are not a rollout in progress. With `maxUnavailable:
 * 0`, no old pod is left only once new ones took over.
 *
 * @param complete every ingest and worker pod runs the release
 * @param ingest the ingest Deployment's rollout
 */
public record ReleaseRollout(boolean complete, DeploymentRollout ingest, String message) {

  public static ReleaseRollout of(
      Environment environment, Deployment ingest, Collection<Deployment> workers) {
    Release release = environment.getSpec().getRelease();
    DeploymentRollout ingestRollout = DeploymentRollout.of(ingest);
    String prefix = "release " + release.getVersion() + ": ";
    if (ingest != null && !runs(ingest, release)) {
      return new ReleaseRollout(false, ingestRollout, prefix + "ingest not updated yet");
    }
    if (!ingestRollout.complete()) {
      return new ReleaseRollout(false, ingestRollout, prefix + "ingest " + ingestRollout.message());
    }
    var lagging =
        workers.stream()
            .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
            .filter(d -> !workersOn(d, release))
            .findFirst();
    if (lagging.isPresent()) {
      return new ReleaseRollout(
          false,
          ingestRollout,
          prefix
              + "ingest "
              + ingestRollout.message()
              + "; "
              + workerProgress(lagging.get(), release));
    }
    return new ReleaseRollout(
        true,
        ingestRollout,
        prefix
            + ingestRollout.message()
            + (workers.isEmpty() ? "" : "; workers of " + workers.size() + " pools rolled out"));
  }

  private static boolean runs(Deployment deployment, Release release) {
    var pod = deployment.getSpec().getTemplate();
    var labels = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
    return labels != null
        && release.getVersion().equals(labels.get(Labels.VERSION))
        && pod.getSpec().getContainers().stream()
            .anyMatch(c -> release.getImage().equals(c.getImage()));
  }

  private static boolean workersOn(Deployment deployment, Release release) {
    if (!runs(deployment, release)) {
      return false;
    }
    var status = deployment.getStatus();
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    if (status == null) {
      return desired == 0;
    }
    Long generation = deployment.getMetadata().getGeneration();
    boolean observed =
        generation == null
            || (status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    return observed && total <= updated && (desired == 0 || available >= 1);
  }

  private static String workerProgress(Deployment deployment, Release release) {
    String pool =
        Objects.requireNonNullElse(
            deployment.getMetadata().getLabels().get(Labels.WORKER_POOL),
            deployment.getMetadata().getName());
    return "worker pool "
        + pool
        + ": "
        + (runs(deployment, release)
            ? DeploymentRollout.of(deployment).message()
            : "not updated yet");
  }
}
