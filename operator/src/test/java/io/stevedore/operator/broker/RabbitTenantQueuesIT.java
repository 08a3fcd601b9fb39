package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.RabbitQueueSettings.QueueType;
import io.stevedore.contract.TenantQueues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tenant's queues as the operator declares and deletes them, on the machine's RabbitMQ. */
class RabbitTenantQueuesIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final RabbitEndpoint admin = LocalRabbit.admin();
  private final RabbitConnections connections = new RabbitConnections("RabbitTenantQueuesIT");
  private final RabbitManagement management = new RabbitManagement();
  private final TenantQueues queues =
      TenantQueues.of("it-quorum", "t" + UUID.randomUUID().toString().substring(0, 8));

  @AfterEach
  void deleteQueues() throws Exception {
    try {
      broker(RabbitQueueSettings.DEFAULT).deleteQueues(queues, true);
    } finally {
      connections.close();
    }
  }

  @Test
  void declaresQuorumQueuesWithTheDeliveryLimitByDefault() throws Exception {
    var declared = broker(RabbitQueueSettings.DEFAULT).declareQueues(queues);

    assertThat(declared.declaredAs()).isEqualTo("quorum queues (delivery limit 20)");
    JsonNode main = queueInfo(queues.main());
    assertThat(main.path("type").asText()).isEqualTo("quorum");
    assertThat(main.path("durable").asBoolean()).isTrue();
    assertThat(main.path("arguments").path("x-delivery-limit").asInt()).isEqualTo(20);
    assertThat(main.path("arguments").path("x-dead-letter-routing-key").asText())
        .isEqualTo(queues.deadLetter());
    for (String other : queues.retries()) {
      assertThat(queueInfo(other).path("type").asText()).isEqualTo("quorum");
    }
    assertThat(queueInfo(queues.deadLetter()).path("type").asText()).isEqualTo("quorum");
    assertThat(broker(RabbitQueueSettings.DEFAULT).survey(queues))
        .isEqualTo(new QueueSurvey(List.of(), "quorum queues (delivery limit 20)"));
  }

  @Test
  void aMessageReturnedUnsettledPastTheDeliveryLimitLandsInTheDeadLetterQueue() throws Exception {
    broker(new RabbitQueueSettings(QueueType.QUORUM, 5)).declareQueues(queues);
    LocalRabbit.publish(queues.main(), 1);

    int deliveries = 0;
    try (var connection = factory().newConnection()) {
      // Each pass is a worker that dies holding the message: its channel closes unsettled.
      while (true) {
        Channel channel = connection.createChannel();
        var delivery = channel.basicGet(queues.main(), false);
        channel.close();
        if (delivery == null) {
          break;
        }
        deliveries++;
        assertThat(deliveries).as("deliveries before the broker gave up").isLessThanOrEqualTo(6);
      }
    }

    assertThat(deliveries).isEqualTo(6);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> connections.inspect(admin, queues.deadLetter()).getMessageCount() == 1);
    var dead =
        connections.withChannel(admin, channel -> channel.basicGet(queues.deadLetter(), true));
    assertThat(dead.getProps().getHeaders().get("x-first-death-reason"))
        .hasToString("delivery_limit");
  }

  @Test
  void aRetriedMessageReturnsToTheMainQueueThroughAQuorumDelayQueue() throws Exception {
    broker(RabbitQueueSettings.DEFAULT).declareQueues(queues);

    LocalRabbit.publish(queues.retryQueueAfter(1), 1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> connections.inspect(admin, queues.main()).getMessageCount() == 1);
  }

  @Test
  void queuesThatExistAsClassicQueuesAreKeptAndReported() throws Exception {
    broker(RabbitQueueSettings.CLASSIC).declareQueues(queues);
    LocalRabbit.publish(queues.main(), 3);
    connections.withChannel(admin, channel -> channel.queueDelete(queues.retries().get(2)));

    var quorum = broker(RabbitQueueSettings.DEFAULT);
    var declared = quorum.declareQueues(queues);
    var ensured = quorum.ensureQueues(queues);

    assertThat(declared.declaredAs())
        .isEqualTo(
            "quorum queues (delivery limit 20) but for "
                + String.join(
                    ", ",
                    queues.main(),
                    queues.deadLetter(),
                    queues.retries().get(0),
                    queues.retries().get(1))
                + ", kept as they existed (another queue type or an earlier deliveryLimit)");
    assertThat(ensured.missing()).isEmpty();
    assertThat(queueInfo(queues.main()).path("type").asText()).isEqualTo("classic");
    assertThat(queueInfo(queues.retries().get(2)).path("type").asText()).isEqualTo("quorum");
    assertThat(connections.inspect(admin, queues.main()).getMessageCount()).isEqualTo(3);
    connections.withChannel(admin, channel -> channel.queueDelete(queues.retries().get(2)));
    broker(RabbitQueueSettings.CLASSIC).ensureQueues(queues);
    assertThat(quorum.survey(queues).declaredAs())
        .isEqualTo(
            "classic queues, kept as they existed (the Environment asks for quorum queues"
                + " (delivery limit 20); the README says how to migrate)");
  }

  @Test
  void aQueueThatHoldsMessagesIsNotDeletedWhateverItsType() throws Exception {
    for (var settings : List.of(RabbitQueueSettings.DEFAULT, RabbitQueueSettings.CLASSIC)) {
      var broker = broker(settings);
      broker.declareQueues(queues);
      LocalRabbit.publish(queues.main(), 2);

      assertThatThrownBy(() -> broker.deleteQueues(queues, false))
          .isInstanceOf(QueueNotEmptyException.class);

      assertThat(connections.inspect(admin, queues.main()).getMessageCount()).isEqualTo(2);
      assertThat(broker.survey(queues).missing()).isEmpty();
      assertThat(policy(RabbitQueueDeletion.fencePolicy(queues.main()))).isNull();
      broker.deleteQueues(queues, true);
      assertThat(broker.survey(queues).missing()).hasSize(5);
    }
  }

  @Test
  void emptyQueuesAreDeletedWhateverTheirType() throws Exception {
    for (var settings : List.of(RabbitQueueSettings.DEFAULT, RabbitQueueSettings.CLASSIC)) {
      var broker = broker(settings);
      broker.declareQueues(queues);

      broker.deleteQueues(queues, false);

      assertThat(broker.survey(queues).missing()).hasSize(5);
      assertThat(policy(RabbitQueueDeletion.fencePolicy(queues.main()))).isNull();
    }
  }

  /**
   * An ingest pod that had not yet seen the tenant leave published after the drain check found the
   * queues empty: the delete is refused and the messages stay, whatever the queue type.
   */
  @Test
  void messagesPublishedAfterTheDrainCheckStopTheDeleteAndStay() throws Exception {
    for (var settings : List.of(RabbitQueueSettings.DEFAULT, RabbitQueueSettings.CLASSIC)) {
      var broker = broker(settings);
      broker.declareQueues(queues);
      assertThat(broker.backlog(queues).nothingWaiting()).isTrue();
      var publisher = new ConfirmedPublisher(factory(), queues.main());
      var publishing = CompletableFuture.runAsync(publisher);
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.accepted() >= 3);
      publisher.stop();
      publishing.join();

      assertThatThrownBy(() -> broker.deleteQueues(queues, false))
          .isInstanceOf(QueueNotEmptyException.class);

      assertThat(connections.inspect(admin, queues.main()).getMessageCount())
          .as(settings.type() + ": confirmed messages still in the queue")
          .isEqualTo(publisher.accepted());
      assertThat(broker.survey(queues).missing()).isEmpty();
      broker.deleteQueues(queues, true);
    }
  }

  @Test
  void quorumQueuesWithAnEarlierDeliveryLimitAreKeptAndStillDeletedOnlyWhenEmpty()
      throws Exception {
    broker(new RabbitQueueSettings(QueueType.QUORUM, 7)).declareQueues(queues);
    LocalRabbit.publish(queues.main(), 1);
    var now = broker(RabbitQueueSettings.DEFAULT);

    assertThat(now.declareQueues(queues).declaredAs())
        .isEqualTo(
            "quorum queues (delivery limit 20) but for "
                + queues.main()
                + ", kept as they existed (another queue type or an earlier deliveryLimit)");
    assertThatThrownBy(() -> now.deleteQueues(queues, false))
        .isInstanceOf(QueueNotEmptyException.class);
    assertThat(connections.inspect(admin, queues.main()).getMessageCount()).isEqualTo(1);
    connections.withChannel(admin, channel -> channel.queuePurge(queues.main()));
    now.deleteQueues(queues, false);
    assertThat(now.survey(queues).missing()).hasSize(5);
  }

  private RabbitTenantQueues broker(RabbitQueueSettings settings) {
    // Made before: queues these tests declare by hand stand for a tenant's from before owners.
    return new RabbitTenantQueues(
        connections,
        management,
        admin,
        settings,
        new io.stevedore.operator.platform.ResourceOwner("tenant-uid", true));
  }

  private static ConnectionFactory factory() throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    return factory;
  }

  private static JsonNode queueInfo(String queue) throws Exception {
    return managementGet("/api/queues/%2F/" + queue);
  }

  private static JsonNode policy(String name) throws Exception {
    return managementGet("/api/policies/%2F/" + name);
  }

  /** The management API's answer to GET {@code path}, or null on 404. */
  private static JsonNode managementGet(String path) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(LocalRabbit.MANAGEMENT + path))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 404
        ? null
        : Serialization.jsonMapper().readTree(response.body());
  }
}
