package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.stevedore.operator.platform.PlatformDeployment;
import java.net.URI;
import java.util.Optional;

/**
 * Where the operator reaches a platform pod's management (actuator) port: its pod IP on a cluster;
 * the sandbox, whose pods are local processes, maps them to their local ports instead.
 */
@FunctionalInterface
public interface PodAddresses {

  /** Base URI of the pod's management port, or empty while the pod has no address. */
  Optional<URI> management(Pod pod);

  /** Pod IP and the platform's management port, as on a real cluster. */
  PodAddresses CLUSTER =
      pod ->
          Optional.ofNullable(pod.getStatus())
              .map(PodStatus::getPodIP)
              .filter(ip -> !ip.isBlank())
              .map(ip -> ip.contains(":") ? "[" + ip + "]" : ip)
              .map(ip -> URI.create("http://" + ip + ":" + PlatformDeployment.MANAGEMENT_PORT));
}
