package io.stevedore.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.contract.RabbitQueueSettings.QueueType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RabbitQueueSettingsTest {
  private static final TenantQueues QUEUES = TenantQueues.of("prod", "acme");
  private static final Map<String, Object> AT_LEAST_ONCE =
      Map.of("x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");

  /** Environment settings → the arguments of main, dead-letter and the 10 s delay queue. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "quorum by default: the main queue dead-letters into the DLQ past 20 deliveries",
            RabbitQueueSettings.DEFAULT,
            quorumMain(20),
            Map.of("x-queue-type", "quorum"),
            QUORUM_TEN_SECOND_DELAY),
        Arguments.of(
            "quorum with the Environment's delivery limit",
            new RabbitQueueSettings(QueueType.QUORUM, 7),
            quorumMain(7),
            Map.of("x-queue-type", "quorum"),
            QUORUM_TEN_SECOND_DELAY),
        Arguments.of(
            "classic opt-in: exactly the arguments of queues made before quorum, so they still match",
            new RabbitQueueSettings(QueueType.CLASSIC, 7),
            Map.of(),
            Map.of(),
            Map.of(
                "x-message-ttl", 10_000L,
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "tenant.prod.acme")));
  }

  private static final Map<String, Object> QUORUM_TEN_SECOND_DELAY =
      with(
          AT_LEAST_ONCE,
          Map.of(
              "x-queue-type", "quorum",
              "x-message-ttl", 10_000L,
              "x-dead-letter-exchange", "",
              "x-dead-letter-routing-key", "tenant.prod.acme"));

  private static Map<String, Object> quorumMain(int deliveryLimit) {
    return with(
        AT_LEAST_ONCE,
        Map.of(
            "x-queue-type", "quorum",
            "x-delivery-limit", deliveryLimit,
            "x-dead-letter-exchange", "",
            "x-dead-letter-routing-key", "tenant.prod.acme.dlq"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void declaresEachQueueWithTheEnvironmentsArguments(
      String why,
      RabbitQueueSettings settings,
      Map<String, Object> main,
      Map<String, Object> deadLetter,
      Map<String, Object> tenSecondDelay) {
    var declarations = settings.declarations(QUEUES);

    assertThat(declarations)
        .extracting(RabbitQueueSettings.Declaration::queue)
        .containsExactly(
            "tenant.prod.acme",
            "tenant.prod.acme.dlq",
            "tenant.prod.acme.retry.1s",
            "tenant.prod.acme.retry.10s",
            "tenant.prod.acme.retry.60s");
    assertThat(declarations.get(0).arguments()).isEqualTo(main);
    assertThat(declarations.get(1).arguments()).isEqualTo(deadLetter);
    assertThat(declarations.get(3).arguments()).isEqualTo(tenSecondDelay);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void everyDelayQueueWaitsItsOwnDelayThenReturnsToMain(String why, RabbitQueueSettings settings) {
    var delays = settings.declarations(QUEUES).subList(2, 5);

    assertThat(delays)
        .extracting(d -> d.arguments().get("x-message-ttl"))
        .containsExactly(1_000L, 10_000L, 60_000L);
    assertThat(delays)
        .allSatisfy(
            d ->
                assertThat(d.arguments())
                    .containsEntry("x-dead-letter-routing-key", QUEUES.main()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theOtherTypeIsHowAQueueMadeUnderTheOtherChoiceWasDeclared(
      String why, RabbitQueueSettings settings) {
    assertThat(settings.otherType().type()).isNotEqualTo(settings.type());
    assertThat(settings.otherType().otherType()).isEqualTo(settings);
  }

  @org.junit.jupiter.api.Test
  void aDeliveryLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new RabbitQueueSettings(QueueType.QUORUM, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
    var both = new java.util.HashMap<String, Object>(a);
    both.putAll(b);
    return both;
  }
}
