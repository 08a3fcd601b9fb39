package io.stevedore.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import java.util.List;

/** The example resources, parsed without an API server, for tests that check what they say. */
public final class ParsedExamples {
  private static List<HasMetadata> all;

  private ParsedExamples() {}

  /** Every example object as {@link ShippedManifests#examples} returns it. */
  public static synchronized List<HasMetadata> all() {
    if (all == null) {
      // Loading only parses; the unreachable master URL proves no request is made.
      var config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build();
      try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
        all = List.copyOf(ShippedManifests.examples(client));
      }
    }
    return all;
  }

  public static <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return all().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
