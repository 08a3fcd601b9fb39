package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedTenantsTest {
  private final WorkerPool pool = Fixtures.workerPool("team-a", "standard", "staging", "standard");

  @Test
  void poolServesTheTenantsThatNameItAndThatItsSelectorSelectsSortedByName() {
    var served =
        ServedTenants.of(
            pool,
            List.of(
                Fixtures.provisioned(
                    Fixtures.tenant("team-a", "b-corp", "staging", "standard", "standard")),
                Fixtures.provisioned(
                    Fixtures.tenant("team-a", "a-corp", "staging", "standard", "standard")),
                Fixtures.provisioned(
                    Fixtures.tenant("team-a", "unselected", "staging", "standard", "premium")),
                Fixtures.provisioned(
                    Fixtures.tenant("team-a", "other-pool", "staging", "premium", "standard")),
                Fixtures.provisioned(
                    Fixtures.tenant("team-a", "other-env", "prod", "standard", "standard")),
                Fixtures.provisioned(
                    Fixtures.tenant(
                        "team-b", "other-namespace", "staging", "standard", "standard"))));

    assertThat(served)
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("a-corp", "b-corp");
  }

  @Test
  void tenantWhoseQueuesDoNotExistYetIsNotServed() {
    var fresh = Fixtures.tenant("team-a", "fresh", "staging", "standard", "standard");

    assertThat(ServedTenants.of(pool, List.of(fresh))).isEmpty();
  }

  @Test
  void tenantWithoutSpecIsNotServed() {
    var specless =
        Fixtures.provisioned(
            Fixtures.tenant("team-a", "specless", "staging", "standard", "standard"));
    specless.setSpec(null);

    assertThat(ServedTenants.of(pool, List.of(specless))).isEmpty();
  }
}
