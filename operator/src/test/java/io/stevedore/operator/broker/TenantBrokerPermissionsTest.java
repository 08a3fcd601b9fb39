package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantQueues;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantBrokerPermissionsTest {
  private final RabbitManagement.Permissions permissions =
      TenantBrokerPermissions.of(TenantQueues.of("team-a", "acme"));

  @ParameterizedTest(name = "{0} readable: {1}")
  @CsvSource({
    "tenant.team-a.acme, true",
    "tenant.team-a.acme.dlq, true",
    "tenant.team-a.acme.retry.10s, true",
    "tenant.team-a.acme.retry.60s, true",
    "tenant.team-a.acme-corp, false",
    "tenant.team-a.acmeX, false",
    "tenant.team-a.acme.other, false",
    "tenant.team-a.globex, false",
    "tenantXteam-a.acme, false",
    "amq.default, false",
  })
  void readsOnlyItsOwnQueues(String resource, boolean readable) {
    assertThat(Pattern.matches(permissions.read(), resource)).isEqualTo(readable);
  }

  @ParameterizedTest
  @CsvSource({"tenant.team-a.acme", "amq.default", "''"})
  void configuresAndWritesNothing(String resource) {
    assertThat(Pattern.matches(permissions.configure(), resource)).isEqualTo(resource.isEmpty());
    assertThat(Pattern.matches(permissions.write(), resource)).isEqualTo(resource.isEmpty());
  }
}
