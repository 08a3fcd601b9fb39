package io.stevedore.operator.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitPasswords;
import io.stevedore.operator.platform.NameConflictException;
import io.stevedore.operator.platform.ResourceOwner;
import io.stevedore.operator.storage.MySqlEndpoint;
import io.stevedore.operator.storage.RecordTables;
import io.stevedore.operator.storage.TenantConfigStore.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory services of `bench scale` answer the operator's own calls as the real ones do. */
class SimulatedPlatformTest {
  private static final ResourceOwner OWNER = new ResourceOwner("uid-a", false);
  private static final ResourceOwner OTHER = new ResourceOwner("uid-b", false);
  private final SimulatedPlatform platform = new SimulatedPlatform();

  @Test
  void queuesAreDeclaredOnceForTheirOwnerAndAnotherOwnersAreAConflict() throws Exception {
    var queues = TenantQueues.of("ns", "acme");
    var mine = platform.queues.forTenant(RabbitQueueSettings.DEFAULT, OWNER);
    assertThat(mine.declareQueues(queues).missing()).hasSize(5);
    assertThat(mine.survey(queues).missing()).isEmpty();
    platform.queues.deleteOutOfBand(queues.deadLetter());
    assertThat(mine.ensureQueues(queues).missing()).containsExactly(queues.deadLetter());
    assertThat(platform.queues.count()).isEqualTo(5);

    var theirs = platform.queues.forTenant(RabbitQueueSettings.DEFAULT, OTHER);
    assertThatThrownBy(() -> theirs.ensureQueues(queues)).isInstanceOf(NameConflictException.class);
    theirs.deleteQueues(queues, true);
    assertThat(platform.queues.count()).isEqualTo(5);
  }

  @Test
  void recordTablesGoThroughTheOperatorsOwnDynamoDbCode() {
    var dynamo = platform.dynamoDb;
    var made = RecordTables.ensure(dynamo, "t-acme", true, OWNER, Instant.now());
    assertThat(made.created()).isTrue();
    assertThat(made.state()).isEqualTo(RecordTables.State.ACTIVE);
    assertThat(RecordTables.observe(dynamo, "t-acme"))
        .hasValue(new RecordTables.Observed(RecordTables.State.ACTIVE, true));
    assertThat(RecordTables.ensure(dynamo, "t-acme", true, OWNER, Instant.now()).created())
        .isFalse();

    assertThatThrownBy(() -> RecordTables.ensure(dynamo, "t-acme", false, OTHER, null))
        .isInstanceOf(NameConflictException.class);
    assertThat(RecordTables.delete(dynamo, "t-acme", OTHER, null)).isFalse();
    assertThat(RecordTables.delete(dynamo, "t-acme", OWNER, null)).isTrue();
    assertThat(RecordTables.exists(dynamo, "t-acme")).isFalse();
  }

  @Test
  void brokerUsersKeepASaltedHashTagsAndPermissions() {
    var endpoint =
        new RabbitEndpoint(
            java.net.URI.create("amqp://broker:5672"),
            "/",
            "u",
            "p",
            java.net.URI.create("http://broker:15672"));
    var users = platform.users;
    users.putUser(endpoint, "tenant.ns.acme.a", "secret", "stevedore-tenant-uid:uid-a");
    users.putPermissions(endpoint, "tenant.ns.acme.a", "^$", "^$", "^tenant\\.ns\\.acme$");

    assertThat(
            RabbitPasswords.matches(
                users.passwordHash(endpoint, "tenant.ns.acme.a").orElseThrow(), "secret"))
        .isTrue();
    assertThat(users.userTags(endpoint, "tenant.ns.acme.a"))
        .hasValue(java.util.List.of("stevedore-tenant-uid:uid-a"));
    assertThat(users.permissions(endpoint, "tenant.ns.acme.a").orElseThrow().read())
        .isEqualTo("^tenant\\.ns\\.acme$");
    users.deleteUser(endpoint, "tenant.ns.acme.a");
    users.deleteUser(endpoint, "tenant.ns.acme.a");
    assertThat(users.userTags(endpoint, "tenant.ns.acme.a")).isEmpty();
  }

  @Test
  void configurationRowsAreWrittenOnceAndOnlyTheirOwnerRemovesThem() {
    var mysql = new MySqlEndpoint("jdbc:mysql://db/stevedore", "u", "p");
    var configs = platform.configs;
    assertThat(configs.ensure(mysql, "ns", "acme", OWNER, true)).isEqualTo(Outcome.CREATED);
    assertThat(configs.ensure(mysql, "ns", "acme", OWNER, true)).isEqualTo(Outcome.PRESENT);
    assertThatThrownBy(() -> configs.ensure(mysql, "ns", "acme", OTHER, true))
        .isInstanceOf(NameConflictException.class);
    assertThat(configs.remove(mysql, "ns", "acme", OTHER)).isFalse();
    assertThat(configs.remove(mysql, "ns", "acme", OWNER)).isTrue();
    assertThat(configs.exists(mysql, "ns", "acme")).isFalse();
  }
}
