package io.stevedore.operator.testing;

import io.stevedore.operator.api.RepositoryPaths;
import io.stevedore.operator.kube.Labels;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** How tests and benchmarks run the operator's Deployments: as processes of the runtime jar. */
public final class LocalPods {
  private LocalPods() {}

  /** A local kubelet's settings: the runtime jar built in this checkout, small heaps, local AWS. */
  public static LocalKubelet.Settings settings() throws IOException {
    return settings(Map.of(Labels.PART_OF, "stevedore"));
  }

  /** As {@link #settings()}, running only the Deployments whose labels match {@code selector}. */
  public static LocalKubelet.Settings settings(Map<String, String> selector) throws IOException {
    var jar =
        RepositoryPaths.root().resolve("platform-runtime/target/stevedore-platform-runtime.jar");
    return new LocalKubelet.Settings(
        selector,
        jar,
        Files.createTempDirectory("kubelet"),
        1,
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "local",
            "AWS_SECRET_ACCESS_KEY",
            "local",
            "AWS_REGION",
            "eu-west-1"));
  }
}
