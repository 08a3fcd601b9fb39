package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PauseTest {

  @ParameterizedTest(name = "{0}={1}: all {2}, pinned {3}, in {4}, out {5}, reason {6}")
  @CsvSource({
    "stevedore.io/scaling-paused, true, true, , false, false, Paused",
    "stevedore.io/scaling-paused, TRUE, true, , false, false, Paused",
    "stevedore.io/scaling-paused, false, false, , false, false, NotPaused",
    "stevedore.io/scaling-paused, yes, false, , false, false, NotPaused",
    "stevedore.io/scaling-paused-replicas, 3, false, 3, false, false, ReplicasPinned",
    "stevedore.io/scaling-paused-replicas, 0, false, 0, false, false, ReplicasPinned",
    "stevedore.io/scale-in-paused, true, false, , true, false, ScaleInPaused",
    "stevedore.io/scale-out-paused, true, false, , false, true, ScaleOutPaused",
    "other.io/annotation, true, false, , false, false, NotPaused"
  })
  void annotationsAskForPauses(
      String annotation,
      String value,
      boolean all,
      Integer pinned,
      boolean scaleIn,
      boolean scaleOut,
      String reason) {
    Pause pause = Pause.of(Map.of(annotation, value));

    assertThat(pause.all()).isEqualTo(all);
    assertThat(pause.pinned())
        .isEqualTo(pinned == null ? OptionalInt.empty() : OptionalInt.of(pinned));
    assertThat(pause.scaleIn()).isEqualTo(scaleIn);
    assertThat(pause.scaleOut()).isEqualTo(scaleOut);
    assertThat(pause.reason()).isEqualTo(reason);
    assertThat(pause.problem()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"-1", "1001", "three", "''"})
  void anUnreadablePinIsAProblemAndPinsNothing(String value) {
    Pause pause = Pause.of(Map.of(Pause.PAUSED_REPLICAS, value));

    assertThat(pause.pinned()).isEmpty();
    assertThat(pause.problem())
        .hasValueSatisfying(p -> assertThat(p).contains(Pause.PAUSED_REPLICAS));
  }
}
