package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantSecretTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final TenantSecret.BrokerLogin RABBIT =
      new TenantSecret.BrokerLogin("amqp://rabbit:5672", "/");

  private final AtomicInteger generated = new AtomicInteger();
  private final TenantSecret.Generators generators =
      new TenantSecret.Generators(
          () -> "stv_key" + generated.incrementAndGet(), () -> "pw" + generated.incrementAndGet());
  private final Tenant tenant =
      Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");
  private final TenantNames names =
      TenantNames.of(tenant, Fixtures.environment("team-a", "staging"));

  @Test
  void newSecretHoldsAKeyAndTheBrokerLoginOfSlotA() {
    var desired = desired(Optional.empty(), NOW);

    assertThat(desired.change()).isEqualTo(TenantSecret.Change.CREATED);
    var credentials = TenantCredentials.read(desired.secret()).orElseThrow();
    assertThat(credentials.apiKey()).isEqualTo("stv_key1");
    assertThat(credentials.brokerUsername()).isEqualTo("tenant.team-a.acme.a");
    assertThat(credentials.previousApiKey()).isNull();
    assertThat(desired.secret().getMetadata().getName()).isEqualTo("tenant-acme");
  }

  @Test
  void existingSecretIsKeptAsItIs() {
    Secret existing = desired(Optional.empty(), NOW).secret();

    var again = desired(Optional.of(existing), NOW.plusSeconds(60));

    assertThat(again.change()).isEqualTo(TenantSecret.Change.NONE);
    assertThat(again.secret().getData()).isEqualTo(existing.getData());
  }

  @Test
  void newTokenRotatesToTheOtherSlotAndKeepsThePreviousCredentialsForTheOverlap() {
    Secret existing = desired(Optional.empty(), NOW).secret();
    tenant.getMetadata().setAnnotations(new HashMap<>());
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "t1");

    var rotated = desired(Optional.of(existing), NOW);

    assertThat(rotated.change()).isEqualTo(TenantSecret.Change.ROTATED);
    var c = rotated.credentials();
    assertThat(c.apiKey()).isNotEqualTo("stv_key1");
    assertThat(c.previousApiKey()).isEqualTo("stv_key1");
    assertThat(c.brokerUsername()).isEqualTo("tenant.team-a.acme.b");
    assertThat(c.previousBrokerUsername()).isEqualTo("tenant.team-a.acme.a");
    assertThat(c.previousValidUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(c.rotationToken()).isEqualTo("t1");

    var sameToken = desired(Optional.of(rotated.secret()), NOW.plusSeconds(10));
    assertThat(sameToken.change()).isEqualTo(TenantSecret.Change.NONE);

    var afterOverlap = desired(Optional.of(rotated.secret()), NOW.plus(Duration.ofHours(1)));
    assertThat(afterOverlap.change()).isEqualTo(TenantSecret.Change.OVERLAP_ENDED);
    assertThat(afterOverlap.credentials().previousApiKey()).isNull();
    assertThat(afterOverlap.credentials().previousBrokerUsername()).isNull();
    assertThat(afterOverlap.credentials().apiKey()).isEqualTo(c.apiKey());
  }

  @Test
  void aSecondRotationGoesBackToSlotA() {
    tenant.getMetadata().setAnnotations(new HashMap<>());
    Secret first = desired(Optional.empty(), NOW).secret();
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "t1");
    Secret second = desired(Optional.of(first), NOW).secret();
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "t2");

    var third = desired(Optional.of(second), NOW.plusSeconds(5));

    assertThat(third.credentials().brokerUsername()).isEqualTo("tenant.team-a.acme.a");
    assertThat(third.credentials().previousBrokerUsername()).isEqualTo("tenant.team-a.acme.b");
  }

  @Test
  void zeroOverlapRevokesThePreviousCredentialsAtOnce() {
    tenant.getSpec().getCredentials().setOverlapSeconds(0);
    Secret existing = desired(Optional.empty(), NOW).secret();
    tenant.getMetadata().setAnnotations(new HashMap<>());
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "now");

    var rotated = desired(Optional.of(existing), NOW).credentials();

    assertThat(rotated.previousApiKey()).isNull();
    assertThat(rotated.previousBrokerUsername()).isNull();
    assertThat(rotated.previousValidUntil()).isNull();
  }

  @Test
  void tokenPresentAtCreationCountsAsHandledRatherThanRotatingLater() {
    tenant.getMetadata().setAnnotations(new HashMap<>());
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "t0");
    Secret created = desired(Optional.empty(), NOW).secret();

    assertThat(desired(Optional.of(created), NOW).change()).isEqualTo(TenantSecret.Change.NONE);
  }

  @Test
  void brokerLoginComesAndGoesWithTheEnvironmentsBrokerUsers() {
    Secret withoutBroker =
        TenantSecret.desired(tenant, names, null, Optional.empty(), NOW, generators).secret();
    assertThat(TenantCredentials.read(withoutBroker).orElseThrow().brokerUsername()).isNull();

    var withBroker = desired(Optional.of(withoutBroker), NOW);

    assertThat(withBroker.change()).isEqualTo(TenantSecret.Change.UPDATED);
    assertThat(withBroker.credentials().brokerUsername()).isEqualTo("tenant.team-a.acme.a");
    assertThat(withBroker.credentials().apiKey())
        .isEqualTo(TenantCredentials.read(withoutBroker).orElseThrow().apiKey());
  }

  @Test
  void brokerUserOfANonDefaultVhostIsNamedAfterIt() {
    var vhost = new TenantSecret.BrokerLogin("amqp://rabbit:5672", "staging");

    var desired = TenantSecret.desired(tenant, names, vhost, Optional.empty(), NOW, generators);

    assertThat(desired.credentials().brokerUsername()).isEqualTo("staging/tenant.team-a.acme.a");
  }

  private TenantSecret.Desired desired(Optional<Secret> existing, Instant now) {
    return TenantSecret.desired(tenant, names, RABBIT, existing, now, generators);
  }
}
