package io.stevedore.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T1 = Instant.parse("2025-03-01T10:00:00.750Z");
  private static final Instant T2 = Instant.parse("2025-03-01T10:05:00Z");

  private final List<Condition> conditions = new ArrayList<>();

  @Test
  void setAddsACondition() {
    Conditions.set(conditions, "Ready", true, "Available", "2 of 2 ready", 3L, T1);

    assertThat(conditions).hasSize(1);
    Condition ready = conditions.get(0);
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Available");
    assertThat(ready.getMessage()).isEqualTo("2 of 2 ready");
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
  }

  @Test
  void falseStatusIsWrittenAsFalse() {
    Conditions.set(conditions, "Ready", false, "RollingOut", "1 of 2", 1L, T1);

    assertThat(conditions.get(0).getStatus()).isEqualTo("False");
  }

  @Test
  void transitionTimeIsKeptWhileStatusStaysEvenIfReasonChanges() {
    Conditions.set(conditions, "Ready", false, "RollingOut", "0 of 2", 1L, T1);
    Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 2L, T2);

    assertThat(conditions).hasSize(1);
    Condition ready = conditions.get(0);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).isEqualTo("bad");
    assertThat(ready.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void transitionTimeMovesWhenStatusFlips() {
    Conditions.set(conditions, "Ready", false, "RollingOut", "0 of 2", 1L, T1);
    Conditions.set(conditions, "Ready", true, "Available", "2 of 2", 1L, T2);

    assertThat(conditions).hasSize(1);
    assertThat(conditions.get(0).getStatus()).isEqualTo("True");
    assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2025-03-01T10:05:00Z");
  }

  @Test
  void findAndIsTrueReadTheConditionOfTheType() {
    Conditions.set(conditions, "Ready", true, "Available", "ok", 1L, T1);
    Conditions.set(conditions, "Degraded", false, "Fine", "ok", 1L, T1);

    assertThat(Conditions.find(conditions, "Degraded"))
        .get()
        .extracting(Condition::getReason)
        .isEqualTo("Fine");
    assertThat(Conditions.find(conditions, "Missing")).isEmpty();
    assertThat(Conditions.find(null, "Ready")).isEmpty();
    assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
    assertThat(Conditions.isTrue(conditions, "Degraded")).isFalse();
    assertThat(Conditions.isTrue(conditions, "Missing")).isFalse();
    assertThat(Conditions.isTrue(null, "Ready")).isFalse();
  }

  @Test
  void isTrueAcceptsOnlyTheExactStatusTrue() {
    conditions.add(new ConditionBuilder().withType("Ready").withStatus("Unknown").build());

    assertThat(Conditions.isTrue(conditions, "Ready")).isFalse();
  }

  @Test
  void listStaysSortedByType() {
    Conditions.set(conditions, "Ready", true, "Available", "ok", 1L, T1);
    Conditions.set(conditions, "Degraded", false, "Fine", "ok", 1L, T1);
    Conditions.set(conditions, "Available", true, "Up", "ok", 1L, T1);
    Conditions.set(conditions, "Degraded", true, "Slow", "slow", 2L, T2);

    assertThat(conditions)
        .extracting(Condition::getType)
        .containsExactly("Available", "Degraded", "Ready");
    assertThat(Conditions.find(conditions, "Degraded").orElseThrow().getReason()).isEqualTo("Slow");
  }
}
