package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which broker users a tenant should have, through a rotation and its overlap (pure). */
class BrokerUserDependentResourceTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final TenantSecret.BrokerLogin RABBIT =
      new TenantSecret.BrokerLogin("amqp://rabbit", "/");

  private final AtomicInteger generated = new AtomicInteger();
  private final TenantSecret.Generators generators =
      new TenantSecret.Generators(
          () -> "stv_" + generated.incrementAndGet(), () -> "pw" + generated.incrementAndGet());
  private final Tenant tenant =
      Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void aNewTenantHasTheUserOfSlotAAndRevokesNothing() {
    var users = users(Optional.empty(), NOW);

    assertThat(users.logins()).containsOnlyKeys("tenant.team-a.acme.a");
    assertThat(users.revoked()).isEmpty();
  }

  @Test
  void duringTheOverlapBothSlotsLogInAndAfterItThePreviousOneIsRevoked() {
    Secret first = secret(Optional.empty(), NOW);
    tenant.getMetadata().setAnnotations(new HashMap<>());
    tenant.getMetadata().getAnnotations().put(TenantSecret.ROTATE_ANNOTATION, "t1");
    Secret rotated = secret(Optional.of(first), NOW);

    var during = users(Optional.of(rotated), NOW.plusSeconds(10));
    var after = users(Optional.of(rotated), NOW.plus(Duration.ofHours(2)));

    assertThat(during.logins().keySet())
        .containsExactly("tenant.team-a.acme.a", "tenant.team-a.acme.b");
    assertThat(during.revoked()).isEmpty();
    assertThat(after.logins()).containsOnlyKeys("tenant.team-a.acme.b");
    assertThat(after.revoked()).isEqualTo(List.of("tenant.team-a.acme.a"));
  }

  private Secret secret(Optional<Secret> existing, Instant now) {
    return TenantSecret.desired(
            tenant, TenantNames.of(tenant, environment), RABBIT, existing, now, generators)
        .secret();
  }

  private BrokerUserDependentResource.BrokerUsers users(Optional<Secret> existing, Instant now) {
    var scope = new TenantScope(tenant, environment, null, now);
    scope.secret(TenantSecret.desired(tenant, scope.names, RABBIT, existing, now, generators));
    return BrokerUserDependentResource.desired(scope, "/");
  }
}
