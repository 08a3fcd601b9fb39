package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.GateResult;
import io.stevedore.operator.api.v1alpha1.GateStatus;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.health.HealthReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a promotion's gates from what was measured, the policy and the time. Pure: measurements
 * come in, verdicts go out. A gate whose measurement is missing is Unknown, never Passed.
 */
final class Gates {
  static final String SOURCE_RELEASE = "SourceRelease";
  static final String SOAK_TIME = "SoakTime";
  static final String ENVIRONMENT_READY = "EnvironmentReady";
  static final String BACKLOG_AGE = "BacklogAge";
  static final String DEAD_LETTER_RATE = "DeadLetterRate";
  static final String INGEST_ERROR_RATIO = "IngestErrorRatio";
  static final String APPROVAL = "Approval";

  static final String MEASURING = "Measuring";
  static final String UNAVAILABLE = "MeasurementUnavailable";

  private Gates() {}

  /**
   * What the source environment runs, for the gates before a rollout.
   *
   * @param running its fully rolled-out release, or null
   * @param runningSince since when it runs that release, or null
   * @param lastGood its last good (verified) release, or null
   */
  record Source(String name, Release running, Instant runningSince, Release lastGood) {}

  /**
   * The gates before a rollout: on the source (release verified there, soak time, health) when
   * there is one, then approval when the policy requires it.
   *
   * @param health the source's health, measured over the last {@code gates.windowSeconds}; null
   *     when there is no source
   */
  static List<GateStatus> beforeRollout(
      EffectivePolicy policy,
      Release release,
      Source source,
      HealthReading health,
      String approvedBy) {
    List<GateStatus> gates = new ArrayList<>();
    if (source != null) {
      gates.add(sourceRelease(release, source));
      gates.add(soak(policy.soak(), release, source, policy.now()));
      gates.addAll(health(policy.gates(), policy.gatesWindow(), health));
    }
    if (policy.requireApproval()) {
      gates.add(approval(approvedBy));
    }
    return gates;
  }

  /** The verification gates: the target's health over the verification window so far. */
  static List<GateStatus> verification(EffectivePolicy policy, HealthReading health) {
    return health(policy.gates(), policy.verificationWindow(), health);
  }

  /** The first gate that blocks, if any. */
  static Optional<GateStatus> firstBlocked(List<GateStatus> gates) {
    return gates.stream().filter(g -> g.getResult() == GateResult.Blocked).findFirst();
  }

  /** The first gate that could not be judged, if any. */
  static Optional<GateStatus> firstUnknown(List<GateStatus> gates) {
    return gates.stream().filter(g -> g.getResult() == GateResult.Unknown).findFirst();
  }

  /** A gate's verdict as users read it: `DeadLetterRate on staging: 12.0/min > 5.0/min (...)`. */
  static String describe(GateStatus gate) {
    String value =
        gate.getMeasured() == null || gate.getMeasured().isEmpty()
            ? ""
            : " " + gate.getMeasured() + " (bound " + gate.getBound() + ")";
    return gate.getName() + " on " + gate.getEnvironment() + ":" + value + ": " + gate.getMessage();
  }

  private static List<GateStatus> health(
      HealthGates bounds, Duration window, HealthReading health) {
    List<GateStatus> gates = new ArrayList<>();
    String env = health.environment();
    gates.add(
        health.ready()
            ? passed(ENVIRONMENT_READY, env, "True", "True", health.readyMessage())
            : blocked(
                ENVIRONMENT_READY,
                env,
                "EnvironmentNotReady",
                "False",
                "True",
                health.readyMessage()));
    if (bounds.getMaxBacklogAgeSeconds() != null) {
      gates.add(backlog(env, bounds.getMaxBacklogAgeSeconds(), health.backlog()));
    }
    if (bounds.getMaxDeadLetterRatePerMinute() != null) {
      gates.add(
          deadLetters(env, bounds.getMaxDeadLetterRatePerMinute(), window, health.deadLetters()));
    }
    if (bounds.getMaxIngestErrorRatio() != null) {
      gates.add(ingestErrors(env, bounds.getMaxIngestErrorRatio(), window, health.ingestErrors()));
    }
    return gates;
  }

  private static GateStatus sourceRelease(Release release, Source source) {
    String bound = release.getVersion() + " verified";
    String running = source.running() == null ? "none" : source.running().getVersion();
    if (!release.sameAs(source.running())) {
      return blocked(
          SOURCE_RELEASE,
          source.name(),
          "SourceRollingOut",
          running,
          bound,
          source.name() + " has not fully rolled out " + release.getVersion() + " yet");
    }
    if (!release.sameAs(source.lastGood())) {
      return blocked(
          SOURCE_RELEASE,
          source.name(),
          "SourceNotVerified",
          running,
          bound,
          release.getVersion() + " runs in " + source.name() + " but is not verified there yet");
    }
    return passed(
        SOURCE_RELEASE,
        source.name(),
        running,
        bound,
        release.getVersion() + " runs in " + source.name() + ", verified");
  }

  private static GateStatus soak(Duration soak, Release release, Source source, Instant now) {
    String bound = ">= " + seconds(soak);
    if (!release.sameAs(source.running()) || source.runningSince() == null) {
      return blocked(
          SOAK_TIME,
          source.name(),
          "Soaking",
          "0s",
          bound,
          "not running in " + source.name() + " yet");
    }
    Duration ran = Duration.between(source.runningSince(), now);
    String measured = seconds(ran);
    return ran.compareTo(soak) >= 0
        ? passed(SOAK_TIME, source.name(), measured, bound, "has run long enough")
        : blocked(
            SOAK_TIME,
            source.name(),
            "Soaking",
            measured,
            bound,
            "has run " + measured + " of " + seconds(soak) + " in " + source.name());
  }

  private static GateStatus backlog(String env, long bound, HealthReading.Backlog backlog) {
    String boundText = "<= " + bound + "s";
    Optional<Map.Entry<String, Long>> oldest =
        backlog.ageSecondsByPool().entrySet().stream().max(Map.Entry.comparingByValue());
    String measured = oldest.map(o -> o.getValue() + "s").orElse("");
    if (oldest.isPresent() && oldest.get().getValue() > bound) {
      return blocked(
          BACKLOG_AGE,
          env,
          "BacklogTooOld",
          measured,
          boundText,
          "WorkerPool " + oldest.get().getKey() + " has a message waiting " + measured);
    }
    if (!backlog.unmeasuredPools().isEmpty()) {
      return unknown(
          BACKLOG_AGE,
          env,
          UNAVAILABLE,
          measured,
          boundText,
          "no backlog measurement (status.scaling.oldestMessageAgeSeconds) from WorkerPool "
              + String.join(", ", backlog.unmeasuredPools()));
    }
    return passed(
        BACKLOG_AGE,
        env,
        measured,
        boundText,
        oldest.isEmpty() ? "no WorkerPool with tenants" : "oldest in " + oldest.get().getKey());
  }

  private static GateStatus deadLetters(
      String env, double perMinute, Duration window, HealthReading.WindowedCount count) {
    String bound = "<= " + oneDecimal(perMinute) + "/min";
    if (count.unavailable() != null) {
      return unknown(DEAD_LETTER_RATE, env, UNAVAILABLE, "", bound, count.unavailable());
    }
    if (window.isZero()) {
      return passed(DEAD_LETTER_RATE, env, "", bound, "not measured: the window is 0 s");
    }
    double spanMinutes = Math.max(millis(count.span()), 1) / 60_000.0;
    double windowMinutes = millis(window) / 60_000.0;
    String detail = count.detail().isEmpty() ? "" : " (" + count.detail() + ")";
    // Even with nothing more for the rest of the window, its rate would already exceed the bound.
    double certain = count.increase() / Math.max(windowMinutes, spanMinutes);
    if (certain > perMinute) {
      return blocked(
          DEAD_LETTER_RATE,
          env,
          "DeadLetterRateTooHigh",
          oneDecimal(count.increase() / spanMinutes) + "/min",
          bound,
          (long) count.increase() + " messages dead-lettered in " + seconds(count.span()) + detail);
    }
    if (count.span().compareTo(window) < 0) {
      return unknown(
          DEAD_LETTER_RATE,
          env,
          MEASURING,
          "",
          bound,
          "measured " + seconds(count.span()) + " of " + seconds(window) + detail);
    }
    double rate = count.increase() / spanMinutes;
    String measured = oneDecimal(rate) + "/min";
    String message =
        (long) count.increase() + " dead-lettered in " + seconds(count.span()) + detail;
    return rate > perMinute
        ? blocked(DEAD_LETTER_RATE, env, "DeadLetterRateTooHigh", measured, bound, message)
        : passed(DEAD_LETTER_RATE, env, measured, bound, message);
  }

  private static GateStatus ingestErrors(
      String env, double maxRatio, Duration window, HealthReading.WindowedRatio ratio) {
    String bound = "<= " + percent(maxRatio);
    String detail = ratio.detail().isEmpty() ? "" : "; " + ratio.detail();
    if (ratio.unavailable() != null) {
      return unknown(INGEST_ERROR_RATIO, env, UNAVAILABLE, "", bound, ratio.unavailable());
    }
    if (window.isZero()) {
      return passed(INGEST_ERROR_RATIO, env, "", bound, "not measured: the window is 0 s");
    }
    if (ratio.span().compareTo(window) < 0) {
      return unknown(
          INGEST_ERROR_RATIO,
          env,
          MEASURING,
          "",
          bound,
          "measured " + seconds(ratio.span()) + " of " + seconds(window) + detail);
    }
    if (ratio.total() <= 0) {
      return passed(
          INGEST_ERROR_RATIO, env, "0 events", bound, "no ingest traffic in the window" + detail);
    }
    double measured = ratio.errors() / ratio.total();
    String message =
        (long) ratio.errors()
            + " of "
            + (long) ratio.total()
            + " events unavailable in "
            + seconds(ratio.span())
            + detail;
    return measured > maxRatio
        ? blocked(
            INGEST_ERROR_RATIO, env, "IngestErrorRatioTooHigh", percent(measured), bound, message)
        : passed(INGEST_ERROR_RATIO, env, percent(measured), bound, message);
  }

  private static GateStatus approval(String approvedBy) {
    return approvedBy == null || approvedBy.isBlank()
        ? blocked(
            APPROVAL,
            "",
            "AwaitingApproval",
            "",
            "approved",
            "annotate the Promotion with stevedore.io/approved-by=<who> to approve it")
        : passed(APPROVAL, "", approvedBy, "approved", "approved by " + approvedBy);
  }

  private static GateStatus passed(
      String name, String env, String measured, String bound, String message) {
    return new GateStatus(name, env, GateResult.Passed, "Passed", measured, bound, message);
  }

  private static GateStatus blocked(
      String name, String env, String reason, String measured, String bound, String message) {
    return new GateStatus(name, env, GateResult.Blocked, reason, measured, bound, message);
  }

  private static GateStatus unknown(
      String name, String env, String reason, String measured, String bound, String message) {
    return new GateStatus(name, env, GateResult.Unknown, reason, measured, bound, message);
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 || millis >= 60_000
        ? millis / 1000 + "s"
        : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }
}
