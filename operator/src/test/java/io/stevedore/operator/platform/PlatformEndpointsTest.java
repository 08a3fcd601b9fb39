package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.stevedore.operator.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoints resolved from an Environment and the Secrets it references. */
@EnableKubernetesMockClient(crud = true)
class PlatformEndpointsTest {
  KubernetesClient client;

  @Test
  void resolvesBrokerAndMySqlCredentialsFromTheReferencedSecrets() throws Exception {
    var environment = Fixtures.environment("ns", "staging");
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    rabbit.setManagementUrl("http://rabbit:15672");
    secret(
        rabbit.getCredentialsSecretRef().getName(), Map.of("username", "admin", "password", "pw"));
    var mysqlRef = environment.getSpec().getStorage().getMysql().getConnectionSecretRef();
    secret(
        mysqlRef.getName(),
        Map.of("url", "jdbc:mysql://db:3306/stevedore", "username", "app", "password", "dbpw"));
    var endpoints = new PlatformEndpoints(client, Clock.systemUTC());

    var broker = endpoints.rabbit(environment);
    assertThat(broker.username()).isEqualTo("admin");
    assertThat(broker.password()).isEqualTo("pw");
    assertThat(broker.managementUri()).hasToString("http://rabbit:15672");
    assertThat(broker.toString()).doesNotContain("pw");
    var mysql = endpoints.mysql(environment);
    assertThat(mysql.url()).isEqualTo("jdbc:mysql://db:3306/stevedore");
    assertThat(mysql.password()).isEqualTo("dbpw");
  }

  @Test
  void aMissingSecretOrKeyNamesWhatIsMissing() {
    var environment = Fixtures.environment("ns", "staging");
    var endpoints = new PlatformEndpoints(client, Clock.systemUTC());
    String secretName =
        environment.getSpec().getBroker().getRabbitmq().getCredentialsSecretRef().getName();
    assertThatThrownBy(() -> endpoints.rabbit(environment))
        .isInstanceOf(CredentialsNotFoundException.class)
        .hasMessageContaining("Secret '" + secretName + "'")
        .hasMessageContaining("does not exist");
    secret(secretName, Map.of("username", "admin"));
    assertThatThrownBy(() -> endpoints.rabbit(environment))
        .isInstanceOf(CredentialsNotFoundException.class)
        .hasMessageContaining("no key 'password'");
  }

  @Test
  void aChangedSecretIsReadAgainAfterTheCacheExpires() throws Exception {
    var environment = Fixtures.environment("ns", "staging");
    String secretName =
        environment.getSpec().getBroker().getRabbitmq().getCredentialsSecretRef().getName();
    secret(secretName, Map.of("username", "admin", "password", "old"));
    var now = new Instant[] {Instant.parse("2026-01-01T00:00:00Z")};
    var clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    var endpoints = new PlatformEndpoints(client, clock);
    assertThat(endpoints.rabbit(environment).password()).isEqualTo("old");
    secret(secretName, Map.of("username", "admin", "password", "new"));
    assertThat(endpoints.rabbit(environment).password()).isEqualTo("old");
    now[0] = now[0].plus(PlatformEndpoints.CACHE_TTL).plusSeconds(1);
    assertThat(endpoints.rabbit(environment).password()).isEqualTo("new");
  }

  private void secret(String name, Map<String, String> data) {
    var encoded = new java.util.HashMap<String, String>();
    data.forEach(
        (k, v) ->
            encoded.put(
                k,
                java.util.Base64.getEncoder()
                    .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .endMetadata()
                .withData(encoded)
                .build())
        .createOr(r -> r.update());
  }
}
