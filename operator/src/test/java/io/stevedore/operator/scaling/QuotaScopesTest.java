package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpecBuilder;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which quota scopes cover a worker pod, as Kubernetes' quota admission decides. */
class QuotaScopesTest {
  private static final PodSpec BURSTABLE =
      new PodSpecBuilder()
          .addNewContainer()
          .withName("runtime")
          .withNewResources()
          .addToRequests("cpu", new Quantity("500m"))
          .endResources()
          .endContainer()
          .build();
  private static final PodSpec BEST_EFFORT =
      new PodSpecBuilder().addNewContainer().withName("runtime").endContainer().build();
  private static final PodSpec HIGH_PRIORITY =
      new PodSpecBuilder(BURSTABLE).withPriorityClassName("high").build();
  private static final PodSpec DEADLINED =
      new PodSpecBuilder(BURSTABLE).withActiveDeadlineSeconds(600L).build();
  private static final PodSpec CROSS_NAMESPACE =
      new PodSpecBuilder(BURSTABLE)
          .withNewAffinity()
          .withNewPodAntiAffinity()
          .addNewRequiredDuringSchedulingIgnoredDuringExecution()
          .withTopologyKey("kubernetes.io/hostname")
          .withNamespaces("other")
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity()
          .endAffinity()
          .build();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no scope covers every pod", scopes(), BURSTABLE, true),
        Arguments.of(
            "NotBestEffort: a pod with a request", scopes("NotBestEffort"), BURSTABLE, true),
        Arguments.of("BestEffort: a pod with a request", scopes("BestEffort"), BURSTABLE, false),
        Arguments.of("BestEffort: a pod without any", scopes("BestEffort"), BEST_EFFORT, true),
        Arguments.of("NotTerminating: no deadline", scopes("NotTerminating"), BURSTABLE, true),
        Arguments.of("Terminating: no deadline", scopes("Terminating"), BURSTABLE, false),
        Arguments.of("Terminating: a deadline", scopes("Terminating"), DEADLINED, true),
        Arguments.of(
            "every scope must match", scopes("NotBestEffort", "Terminating"), BURSTABLE, false),
        Arguments.of("PriorityClass In, matching", priority("In", "high"), HIGH_PRIORITY, true),
        Arguments.of("PriorityClass In, other class", priority("In", "low"), HIGH_PRIORITY, false),
        Arguments.of("PriorityClass In, no class", priority("In", "high"), BURSTABLE, false),
        Arguments.of("PriorityClass NotIn, no class", priority("NotIn", "high"), BURSTABLE, true),
        Arguments.of("PriorityClass Exists, no class", priority("Exists"), BURSTABLE, false),
        Arguments.of("PriorityClass Exists, a class", priority("Exists"), HIGH_PRIORITY, true),
        Arguments.of(
            "PriorityClass DoesNotExist never matches (the label is always set)",
            priority("DoesNotExist"),
            BURSTABLE,
            false),
        Arguments.of(
            "CrossNamespacePodAffinity, none",
            scopes("CrossNamespacePodAffinity"),
            BURSTABLE,
            false),
        Arguments.of(
            "CrossNamespacePodAffinity, another namespace",
            scopes("CrossNamespacePodAffinity"),
            CROSS_NAMESPACE,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void covers(String description, ResourceQuotaSpec quota, PodSpec pod, boolean covered) {
    assertThat(QuotaScopes.cover(quota, pod)).isEqualTo(covered);
  }

  private static ResourceQuotaSpec scopes(String... scopes) {
    return new ResourceQuotaSpecBuilder().withScopes(scopes).build();
  }

  private static ResourceQuotaSpec priority(String operator, String... values) {
    return new ResourceQuotaSpecBuilder()
        .withNewScopeSelector()
        .withMatchExpressions(
            new ScopedResourceSelectorRequirement(operator, "PriorityClass", List.of(values)))
        .endScopeSelector()
        .build();
  }
}
