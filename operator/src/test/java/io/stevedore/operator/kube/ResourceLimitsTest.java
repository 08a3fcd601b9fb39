package io.stevedore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceLimitsTest {

  @ParameterizedTest(name = "{0} request {1} vs limit {2}")
  @CsvSource({
    "cpu, 2, 1500m",
    "cpu, 501m, 500m",
    "memory, 2Gi, 1Gi",
    "memory, 1025Mi, 1Gi",
    "memory, 1G, 900Mi",
  })
  void requestAboveLimitIsAProblem(String resource, String request, String limit) {
    var resources = resources(Map.of(resource, request), Map.of(resource, limit));

    assertThat(ResourceLimits.problems("spec.resources", resources))
        .containsExactly(
            "spec.resources: request " + resource + "=" + request + " exceeds its limit " + limit);
  }

  @ParameterizedTest(name = "{0} request {1} vs limit {2}")
  @CsvSource({
    "cpu, 1, 1000m",
    "cpu, 250m, 1",
    "memory, 1024Mi, 1Gi",
    "memory, 512Mi, 1Gi",
    "memory, 900Mi, 1G",
  })
  void requestAtOrBelowLimitIsFine(String resource, String request, String limit) {
    var resources = resources(Map.of(resource, request), Map.of(resource, limit));

    assertThat(ResourceLimits.problems("spec.resources", resources)).isEmpty();
  }

  @Test
  void eachResourceIsComparedWithItsOwnLimit() {
    var resources =
        resources(Map.of("cpu", "2", "memory", "2Gi"), Map.of("cpu", "4", "memory", "1Gi"));

    assertThat(ResourceLimits.problems("f", resources))
        .containsExactly("f: request memory=2Gi exceeds its limit 1Gi");
  }

  @Test
  void requestWithoutALimitIsFine() {
    var resources = resources(Map.of("cpu", "8", "memory", "2Gi"), Map.of("memory", "4Gi"));

    assertThat(ResourceLimits.problems("f", resources)).isEmpty();
  }

  @Test
  void missingRequestsOrLimitsAreFine() {
    assertThat(ResourceLimits.problems("f", null)).isEmpty();
    assertThat(ResourceLimits.problems("f", new ResourceRequirements())).isEmpty();
    assertThat(ResourceLimits.problems("f", resources(Map.of("cpu", "8"), null))).isEmpty();
    assertThat(ResourceLimits.problems("f", resources(null, Map.of("cpu", "1")))).isEmpty();
  }

  private static ResourceRequirements resources(
      Map<String, String> requests, Map<String, String> limits) {
    return new ResourceRequirementsBuilder()
        .withRequests(quantities(requests))
        .withLimits(quantities(limits))
        .build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> amounts) {
    if (amounts == null) {
      return null;
    }
    return amounts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new Quantity(e.getValue())));
  }
}
