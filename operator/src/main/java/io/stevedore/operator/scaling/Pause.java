package io.stevedore.operator.scaling;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the pause annotations on a WorkerPool ask of the autoscaler.
 *
 * @param all scaling is paused: the replicas stay as they are
 * @param pinned the replicas are pinned to this count
 * @param scaleIn scaling in is paused
 * @param scaleOut scaling out is paused
 * @param problem an annotation value the operator cannot read, described; it pauses nothing
 */
public record Pause(
    boolean all, OptionalInt pinned, boolean scaleIn, boolean scaleOut, Optional<String> problem) {
  public static final String PAUSED = "stevedore.io/scaling-paused";
  public static final String PAUSED_REPLICAS = "stevedore.io/scaling-paused-replicas";
  public static final String SCALE_IN_PAUSED = "stevedore.io/scale-in-paused";
  public static final String SCALE_OUT_PAUSED = "stevedore.io/scale-out-paused";

  public static final Pause NONE =
      new Pause(false, OptionalInt.empty(), false, false, Optional.empty());

  /** The pause that {@code annotations} (may be null) ask for. */
  public static Pause of(Map<String, String> annotations) {
    if (annotations == null) {
      return NONE;
    }
    OptionalInt pinned = OptionalInt.empty();
    Optional<String> problem = Optional.empty();
    String pin = annotations.get(PAUSED_REPLICAS);
    if (pin != null) {
      try {
        int replicas = Integer.parseInt(pin.trim());
        if (replicas < 0 || replicas > 1000) {
          throw new NumberFormatException();
        }
        pinned = OptionalInt.of(replicas);
      } catch (NumberFormatException e) {
        problem =
            Optional.of(
                "annotation " + PAUSED_REPLICAS + ": '" + pin + "' is not a count from 0 to 1000");
      }
    }
    return new Pause(
        isTrue(annotations.get(PAUSED)),
        pinned,
        isTrue(annotations.get(SCALE_IN_PAUSED)),
        isTrue(annotations.get(SCALE_OUT_PAUSED)),
        problem);
  }

  /** Whether any pause applies. */
  public boolean any() {
    return all || pinned.isPresent() || scaleIn || scaleOut;
  }

  /** The condition reason that names the pause. */
  String reason() {
    if (pinned.isPresent()) {
      return "ReplicasPinned";
    }
    if (all) {
      return "Paused";
    }
    if (scaleIn && scaleOut) {
      return "ScaleInAndOutPaused";
    }
    return scaleIn ? "ScaleInPaused" : scaleOut ? "ScaleOutPaused" : "NotPaused";
  }

  /** The pause in one sentence. */
  String describe() {
    if (pinned.isPresent()) {
      return "replicas pinned to " + pinned.getAsInt() + " by annotation " + PAUSED_REPLICAS;
    }
    if (all) {
      return "scaling paused by annotation " + PAUSED;
    }
    if (scaleIn && scaleOut) {
      return "scaling in and out paused by annotations "
          + SCALE_IN_PAUSED
          + ", "
          + SCALE_OUT_PAUSED;
    }
    if (scaleIn) {
      return "scaling in paused by annotation " + SCALE_IN_PAUSED;
    }
    return scaleOut ? "scaling out paused by annotation " + SCALE_OUT_PAUSED : "not paused";
  }

  private static boolean isTrue(String value) {
    return value != null && "true".equalsIgnoreCase(value.trim());
  }
}
