package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.ParsedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantValidationTest {
  private static final String NAME_PROBLEM =
      "metadata.name: must be a DNS-1123 label (lower case, digits, '-', at most 63), since it"
          + " names the tenant's queue, table and labels";

  @ParameterizedTest
  @ValueSource(strings = {"acme", "a", "acme-2", "0day"})
  void dnsLabelNameIsValid(String name) {
    assertThat(TenantValidation.problems(tenant(name))).isEmpty();
  }

  @Test
  void nameOf63CharactersIsValid() {
    assertThat(TenantValidation.problems(tenant("t".repeat(63)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme", "acme.corp", "acme_corp", "-acme", "acme-"})
  void nameThatIsNotADnsLabelIsAProblem(String name) {
    assertThat(TenantValidation.problems(tenant(name))).containsExactly(NAME_PROBLEM);
  }

  @Test
  void nameOf64CharactersIsAProblem() {
    assertThat(TenantValidation.problems(tenant("t".repeat(64)))).containsExactly(NAME_PROBLEM);
  }

  @Test
  void missingEnvironmentOrPoolIsAProblem() {
    var withoutEnvironment = tenant("acme");
    withoutEnvironment.getSpec().setEnvironment(null);
    var withoutPool = tenant("acme");
    withoutPool.getSpec().setWorkerPool(null);
    var withoutSpec = tenant("acme");
    withoutSpec.setSpec(null);

    String problem = "spec.environment and spec.workerPool: required";
    assertThat(TenantValidation.problems(withoutEnvironment)).containsExactly(problem);
    assertThat(TenantValidation.problems(withoutPool)).containsExactly(problem);
    assertThat(TenantValidation.problems(withoutSpec)).containsExactly(problem);
  }

  @Test
  void exampleTenantsAreValid() {
    assertThat(ParsedExamples.ofType(Tenant.class))
        .hasSize(4)
        .allSatisfy(t -> assertThat(TenantValidation.problems(t)).isEmpty());
  }

  private static Tenant tenant(String name) {
    return Fixtures.tenant("team-a", name, "staging", "standard", "standard");
  }
}
