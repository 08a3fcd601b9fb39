package io.stevedore.runtime.broker.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.broker.QueueDepths.QueueDepth;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TenantSqsQueues;
import io.stevedore.sandbox.aws.LocalSqs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS as the broker, against ElasticMQ: the same guarantees as RabbitMQ. */
class SqsBrokerIT {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
  private static LocalSqs sqs;

  private TenantDirectory.Entry tenant;
  private SqsQueueNames queues;
  private SqsQueueConsumers consumers;
  private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    sqs = LocalSqs.start();
  }

  @AfterAll
  static void stop() {
    sqs.close();
  }

  @BeforeEach
  void tenant() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
    queues = SqsQueueNames.of("sqs", name);
    tenant =
        new TenantDirectory.Entry(
            name,
            "sqs",
            TenantQueues.of("sqs", name).main(),
            "table",
            100,
            30,
            List.of(),
            false,
            1,
            queues);
    TenantSqsQueues.create(sqs.client(), queues);
  }

  @AfterEach
  void closeConsumers() {
    if (consumers != null) {
      consumers.close();
    }
  }

  @Test
  void publishedBatchIsReceivedAndDeletedOnlyWhenAcked() throws Exception {
    new SqsEventPublisher(sqs.client()).publish(tenant, batch(3), PUBLISH_TIMEOUT);
    consume(Duration.ofSeconds(30));

    Delivery delivery = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(EventBatchCodec.decode(delivery.body()).events()).hasSize(3);
    assertThat(delivery.attempt()).isEqualTo(1);
    assertThat(
            messagesIn(
                queues.main(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isEqualTo(1);

    delivery.ack();

    await()
        .untilAsserted(
            () ->
                assertThat(
                        messagesIn(
                            queues.main(),
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .isZero());
    assertThat(messagesIn(queues.main(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .isZero();
  }

  @Test
  void failedDeliveryComesBackAfterTheRetryDelayAsTheNextAttempt() throws Exception {
    new SqsEventPublisher(sqs.client()).publish(tenant, batch(1), PUBLISH_TIMEOUT);
    consume(Duration.ofSeconds(30));

    Delivery first = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    first.fail("DynamoDB throttled");
    Delivery second = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(second).isNotNull();
    assertThat(second.attempt()).isEqualTo(2);
    second.ack();
  }

  @Test
  void queueDepthsCountReadyInFlightAndDeadLetteredBatches() {
    var publisher = new SqsEventPublisher(sqs.client());
    publisher.publish(tenant, batch(1), PUBLISH_TIMEOUT);
    publisher.publish(tenant, batch(1), PUBLISH_TIMEOUT);
    sqs.client()
        .sendMessage(
            r ->
                r.queueUrl(TenantSqsQueues.url(sqs.client(), queues.deadLetter()))
                    .messageBody("{}"));
    var depths = new SqsQueueDepths(sqs.client());

    await().untilAsserted(() -> assertThat(depths.of(tenant)).isEqualTo(new QueueDepth(2, 0, 1)));
    // Received and not settled: in flight, which the dashboard shows with the delayed ones.
    sqs.client()
        .receiveMessage(
            r ->
                r.queueUrl(TenantSqsQueues.url(sqs.client(), queues.main()))
                    .maxNumberOfMessages(1)
                    .visibilityTimeout(30));
    await().untilAsserted(() -> assertThat(depths.of(tenant)).isEqualTo(new QueueDepth(1, 1, 1)));
  }

  @Test
  void lastFailedAttemptGoesToTheDeadLetterQueueWithTheReason() throws Exception {
    new SqsEventPublisher(sqs.client()).publish(tenant, batch(1), PUBLISH_TIMEOUT);
    consume(Duration.ofSeconds(30));
    // Receive and give back until the receive count reaches the last attempt.
    Delivery delivery = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    while (delivery.attempt() < TenantQueues.MAX_ATTEMPTS) {
      delivery.release();
      delivery = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    delivery.fail("table tenant-x does not exist");

    var dead =
        await()
            .until(
                () ->
                    sqs.client()
                        .receiveMessage(
                            r ->
                                r.queueUrl(TenantSqsQueues.url(sqs.client(), queues.deadLetter()))
                                    .messageAttributeNames("All"))
                        .messages(),
                messages -> !messages.isEmpty())
            .get(0);
    assertThat(dead.messageAttributes().get(TenantQueues.FAILURE_HEADER).stringValue())
        .isEqualTo("table tenant-x does not exist");
    assertThat(EventBatchCodec.decode(dead.body().getBytes()).events()).hasSize(1);
    await()
        .untilAsserted(
            () ->
                assertThat(
                        messagesIn(
                            queues.main(),
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .isZero());
  }

  @Test
  void longWorkKeepsItsMessageInvisibleByExtendingTheVisibilityTimeout() throws Exception {
    new SqsEventPublisher(sqs.client()).publish(tenant, batch(1), PUBLISH_TIMEOUT);
    // A 2 s visibility timeout, extended every 500 ms: without extension it would reappear.
    consume(Duration.ofSeconds(2), Duration.ofMillis(500));
    Delivery held = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);

    // Hold it for 3 visibility timeouts: it must not be received a second time meanwhile.
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(8))
        .until(() -> received.isEmpty());
    assertThat(
            sqs.client()
                .receiveMessage(r -> r.queueUrl(TenantSqsQueues.url(sqs.client(), queues.main())))
                .messages())
        .isEmpty();
    held.ack();
  }

  @Test
  void batchTooLargeForOneMessageIsSplitAndEveryPartArrives() throws Exception {
    String big = "x".repeat(2_000);
    var events =
        IntStream.range(0, 400)
            .mapToObj(
                i -> new DeviceEvent("d", "e" + i, Instant.now(), "reading", Map.of("blob", big)))
            .toList();
    var batch =
        new EventBatch(UUID.randomUUID().toString(), tenant.name(), "sqs", Instant.now(), events);
    assertThat(SqsEventPublisher.encode(batch)).hasSizeGreaterThan(1);

    new SqsEventPublisher(sqs.client()).publish(tenant, batch, PUBLISH_TIMEOUT);
    consume(Duration.ofSeconds(30));

    java.util.Set<String> eventIds = new java.util.HashSet<>();
    await()
        .untilAsserted(
            () -> {
              Delivery d;
              while ((d = received.poll()) != null) {
                EventBatchCodec.decode(d.body()).events().forEach(e -> eventIds.add(e.eventId()));
                d.ack();
              }
              assertThat(eventIds).hasSize(400);
            });
  }

  @Test
  void missingQueueIsABrokerErrorNotASilentDrop() {
    var ghost =
        new TenantDirectory.Entry("ghost", "sqs", "tenant.sqs.ghost", "t", 1, 1, List.of(), false);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SqsEventPublisher(sqs.client()).publish(ghost, batch(1), PUBLISH_TIMEOUT))
        .isInstanceOf(io.stevedore.runtime.broker.BrokerUnavailableException.class);
  }

  private void consume(Duration visibility) {
    consume(visibility, Duration.ofSeconds(10));
  }

  private void consume(Duration visibility, Duration extendEvery) {
    consumers =
        new SqsQueueConsumers(
            sqs.client(),
            new SqsQueueConsumers.Settings(10, Duration.ofSeconds(1), visibility, extendEvery));
    consumers.serve(List.of(tenant), received::add);
  }

  private int messagesIn(String queue, QueueAttributeName attribute) {
    return Integer.parseInt(
        sqs.client()
            .getQueueAttributes(
                r -> r.queueUrl(TenantSqsQueues.url(sqs.client(), queue)).attributeNames(attribute))
            .attributes()
            .get(attribute));
  }

  private EventBatch batch(int events) {
    return new EventBatch(
        UUID.randomUUID().toString(),
        tenant.name(),
        "sqs",
        Instant.now(),
        IntStream.range(0, events)
            .mapToObj(
                i ->
                    new DeviceEvent("device-1", "e" + i, Instant.now(), "location", Map.of("i", i)))
            .toList());
  }
}
