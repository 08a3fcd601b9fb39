package io.stevedore.operator.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionQueueTest {

  /** name:created-second:phase[:environment]; phase '-' means not reconciled yet. */
  static Stream<Arguments> queues() {
    return Stream.of(
        Arguments.of("older first", List.of("b:2:-", "a:1:-"), List.of("a", "b")),
        Arguments.of("same second: by name", List.of("b:1:-", "a:1:-"), List.of("a", "b")),
        Arguments.of(
            "finished ones leave the queue",
            List.of("a:1:Succeeded", "b:2:Pending", "c:3:RolledBack", "d:4:Failed"),
            List.of("b")),
        Arguments.of(
            "a started one runs before an older pending one",
            List.of("a:1:Pending", "b:1:Verifying"),
            List.of("b", "a")),
        Arguments.of(
            "rolling back still holds the environment",
            List.of("a:1:RollingBack", "b:2:Pending"),
            List.of("a", "b")),
        Arguments.of(
            "other environments' promotions are not in the queue",
            List.of("a:1:Verifying:staging", "b:2:Pending"),
            List.of("b")),
        Arguments.of(
            "deleting ones leave the queue",
            List.of("a:1:Pending:prod:deleting", "b:2:-"),
            List.of("b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void runsOnePromotionPerEnvironmentInOrder(
      String description, List<String> promotions, List<String> order) {
    List<Promotion> all = new ArrayList<>();
    for (String p : promotions) {
      all.add(promotion(p));
    }

    assertThat(PromotionQueue.of("prod", all))
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyElementsOf(order);
    Promotion head =
        all.stream()
            .filter(p -> p.getMetadata().getName().equals(order.get(0)))
            .findFirst()
            .orElseThrow();
    assertThat(PromotionQueue.ahead(head, all)).isEmpty();
    for (int i = 1; i < order.size(); i++) {
      String name = order.get(i);
      Promotion queued =
          all.stream()
              .filter(p -> p.getMetadata().getName().equals(name))
              .findFirst()
              .orElseThrow();
      assertThat(PromotionQueue.ahead(queued, all))
          .hasValueSatisfying(a -> assertThat(a.getMetadata().getName()).isEqualTo(order.get(0)));
    }
  }

  private static Promotion promotion(String description) {
    String[] parts = description.split(":");
    String environment = parts.length > 3 ? parts[3] : "prod";
    var promotion = Fixtures.promotion("ns", parts[0], environment, Fixtures.release("1.0.0"));
    promotion.getMetadata().setCreationTimestamp("2026-01-01T00:00:0" + parts[1] + "Z");
    if (!parts[2].equals("-")) {
      var status = new PromotionStatus();
      status.setPhase(PromotionPhase.valueOf(parts[2]));
      promotion.setStatus(status);
    }
    if (parts.length > 4) {
      promotion.getMetadata().setDeletionTimestamp("2026-01-01T00:01:00Z");
    }
    return promotion;
  }
}
