package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.ParsedExamples;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantPlacementTest {
  private final Tenant tenant = Fixtures.tenant("team-a", "acme", "staging", "premium", "premium");
  private final Optional<Environment> environment =
      Optional.of(Fixtures.environment("team-a", "staging"));
  private final WorkerPool pool = Fixtures.workerPool("team-a", "premium", "staging", "premium");

  @Test
  void tenantWhoseEnvironmentAndPoolFitIsPlaced() {
    assertThat(TenantPlacement.check(tenant, environment, Optional.of(pool))).isEmpty();
  }

  @Test
  void missingEnvironmentIsReportedFirst() {
    assertThat(TenantPlacement.check(tenant, Optional.empty(), Optional.empty()))
        .contains(
            ReadyState.failed(
                "EnvironmentNotFound",
                "Environment 'staging' does not exist in namespace 'team-a'; the tenant is"
                    + " provisioned as soon as it does"));
  }

  @Test
  void missingPoolIsReported() {
    assertThat(TenantPlacement.check(tenant, environment, Optional.empty()))
        .contains(
            ReadyState.failed(
                "WorkerPoolNotFound",
                "WorkerPool 'premium' does not exist in namespace 'team-a'; the tenant is"
                    + " provisioned as soon as it does"));
  }

  @Test
  void poolOfAnotherEnvironmentIsAMismatch() {
    var prodPool = Fixtures.workerPool("team-a", "premium", "prod", "premium");

    assertThat(TenantPlacement.check(tenant, environment, Optional.of(prodPool)))
        .contains(
            ReadyState.failed(
                "WorkerPoolMismatch",
                "WorkerPool 'premium' serves Environment 'prod', not 'staging'"));
  }

  @Test
  void poolWhoseSelectorDoesNotMatchIsAMismatch() {
    var standardPool = Fixtures.workerPool("team-a", "premium", "staging", "standard");

    var state = TenantPlacement.check(tenant, environment, Optional.of(standardPool));

    assertThat(state).isPresent();
    assertThat(state.get().ready()).isFalse();
    assertThat(state.get().warning()).isTrue();
    assertThat(state.get().reason()).isEqualTo("WorkerPoolMismatch");
    assertThat(state.get().message())
        .startsWith("WorkerPool 'premium' does not select this tenant")
        .contains("stevedore.io/tier=premium");
  }

  @Test
  void everyExampleTenantIsPlacedInItsExamplePool() {
    Map<String, Environment> environments =
        ParsedExamples.ofType(Environment.class).stream()
            .collect(Collectors.toMap(e -> e.getMetadata().getName(), Function.identity()));
    Map<String, WorkerPool> pools =
        ParsedExamples.ofType(WorkerPool.class).stream()
            .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity()));

    assertThat(ParsedExamples.ofType(Tenant.class))
        .hasSize(4)
        .allSatisfy(
            t ->
                assertThat(
                        TenantPlacement.check(
                            t,
                            Optional.ofNullable(environments.get(t.getSpec().getEnvironment())),
                            Optional.ofNullable(pools.get(t.getSpec().getWorkerPool()))))
                    .as(t.getMetadata().getName())
                    .isEmpty());
  }
}
