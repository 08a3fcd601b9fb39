package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stevedore.operator.api.v1alpha1.ScalingBehavior;
import io.stevedore.operator.api.v1alpha1.ScalingFallback;
import io.stevedore.operator.api.v1alpha1.ScalingPolicy;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.ParsedExamples;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerPoolValidationTest {

  @Test
  void validPoolHasNoProblems() {
    assertThat(WorkerPoolValidation.problems(pool("standard"))).isEmpty();
  }

  @Test
  void equalBoundsAndLongestAllowedNameAreValid() {
    var pool = pool("p".repeat(55));
    pool.getSpec().setScaling(Fixtures.scaling(3, 3));

    assertThat(WorkerPoolValidation.problems(pool)).isEmpty();
  }

  @Test
  void examplePoolsAreValid() {
    assertThat(ParsedExamples.ofType(WorkerPool.class))
        .hasSize(3)
        .allSatisfy(p -> assertThat(WorkerPoolValidation.problems(p)).isEmpty());
  }

  static Stream<Arguments> invalidPools() {
    return Stream.of(
        Arguments.of(
            "min above max",
            (Consumer<WorkerPool>) p -> p.getSpec().setScaling(Fixtures.scaling(6, 5)),
            "spec.scaling: minReplicas (6) must not exceed maxReplicas (5)"),
        Arguments.of(
            "idle above min",
            (Consumer<WorkerPool>) p -> p.getSpec().getScaling().setIdleReplicas(2),
            "spec.scaling.idleReplicas (2) must not exceed minReplicas (1)"),
        Arguments.of(
            "fixed fallback without replicas",
            (Consumer<WorkerPool>)
                p ->
                    p.getSpec()
                        .getScaling()
                        .getFallback()
                        .setBehavior(ScalingFallback.Behavior.FixedReplicas),
            "spec.scaling.fallback.replicas: required when the behavior is FixedReplicas"),
        Arguments.of(
            "fixed fallback above max",
            (Consumer<WorkerPool>)
                p -> {
                  var fallback = p.getSpec().getScaling().getFallback();
                  fallback.setBehavior(ScalingFallback.Behavior.FixedReplicas);
                  fallback.setReplicas(9);
                },
            "spec.scaling.fallback.replicas (9) must not exceed maxReplicas (5)"),
        Arguments.of(
            "policy without a period",
            (Consumer<WorkerPool>)
                p -> {
                  var behavior = new ScalingBehavior();
                  var policy = new ScalingPolicy();
                  policy.setType(ScalingPolicy.Type.Pods);
                  policy.setValue(2);
                  behavior.setScaleDown(new ScalingRules(null, null, List.of(policy)));
                  p.getSpec().getScaling().setBehavior(behavior);
                },
            "spec.scaling.behavior.scaleDown.policies[0]: type, value and periodSeconds are"
                + " required"),
        Arguments.of(
            "pinned replicas not a number",
            (Consumer<WorkerPool>)
                p ->
                    p.getMetadata()
                        .setAnnotations(Map.of("stevedore.io/scaling-paused-replicas", "many")),
            "annotation stevedore.io/scaling-paused-replicas: 'many' is not a count from 0 to"
                + " 1000"),
        Arguments.of(
            "bad selector operator",
            (Consumer<WorkerPool>)
                p ->
                    p.getSpec()
                        .setTenantSelector(
                            new LabelSelectorBuilder()
                                .addNewMatchExpression()
                                .withKey("tier")
                                .withOperator("Equals")
                                .withValues("premium")
                                .endMatchExpression()
                                .build()),
            "spec.tenantSelector: unknown operator 'Equals' (use In, NotIn, Exists or"
                + " DoesNotExist)"),
        Arguments.of(
            "name too long",
            (Consumer<WorkerPool>) p -> p.getMetadata().setName("p".repeat(56)),
            "metadata.name: at most 55 characters, so that the worker Deployment name fits 63"),
        Arguments.of(
            "request above limit",
            (Consumer<WorkerPool>)
                p ->
                    p.getSpec()
                        .setResources(
                            new ResourceRequirementsBuilder()
                                .addToRequests("cpu", new Quantity("2"))
                                .addToLimits("cpu", new Quantity("1"))
                                .build()),
            "spec.resources: request cpu=2 exceeds its limit 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPools")
  void invalidPoolHasAProblemNamingTheField(
      String description, Consumer<WorkerPool> change, String problem) {
    var pool = pool("standard");
    change.accept(pool);

    assertThat(WorkerPoolValidation.problems(pool)).containsExactly(problem);
  }

  private static WorkerPool pool(String name) {
    return Fixtures.workerPool("team-a", name, "staging", "standard");
  }
}
