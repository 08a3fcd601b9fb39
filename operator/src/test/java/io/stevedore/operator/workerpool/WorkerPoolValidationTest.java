package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stevedore.operator.api.v1alpha1.ReplicaBounds;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.sandbox.ParsedExamples;
import io.stevedore.operator.testing.Fixtures;
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
    pool.getSpec().setReplicas(new ReplicaBounds(3, 3));

    assertThat(WorkerPoolValidation.problems(pool)).isEmpty();
  }

  @Test
  void examplePoolsAreValid() {
    assertThat(ParsedExamples.ofType(WorkerPool.class))
        .hasSize(2)
        .allSatisfy(p -> assertThat(WorkerPoolValidation.problems(p)).isEmpty());
  }

  static Stream<Arguments> invalidPools() {
    return Stream.of(
        Arguments.of(
            "min above max",
            (Consumer<WorkerPool>) p -> p.getSpec().setReplicas(new ReplicaBounds(6, 5)),
            "spec.replicas: min (6) must not exceed max (5)"),
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
