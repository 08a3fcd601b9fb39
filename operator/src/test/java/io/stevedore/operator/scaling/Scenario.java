package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Builds decision inputs for tests: a pool, its history and one observation, readably. */
final class Scenario {
  static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  final ScalingSpec spec = new ScalingSpec();
  int current = 1;
  Pause pause = Pause.NONE;
  Optional<QuotaHeadroom> quota = Optional.empty();
  List<TenantCap> tenantCaps = List.of();
  Instant now = T0;
  ScalingHistory history;
  ObservationResult observation;

  Scenario spec(Consumer<ScalingSpec> change) {
    change.accept(spec);
    return this;
  }

  Scenario current(int replicas) {
    current = replicas;
    return this;
  }

  Scenario pause(Map<String, String> annotations) {
    pause = Pause.of(annotations);
    return this;
  }

  Scenario quota(int pods) {
    quota = Optional.of(new QuotaHeadroom(pods, "team-quota", "pods"));
    return this;
  }

  Scenario tenantLimit(int limit) {
    tenantCaps = List.of(new TenantCap("only", "q.only", limit));
    return this;
  }

  /**
   * Served tenants as {@code name, maxWorkers, backlog} triples; the pool's depth is their backlog
   * (ready, nothing in flight).
   */
  Scenario tenants(Object... nameMaxWorkersBacklog) {
    List<TenantCap> caps = new ArrayList<>();
    Map<String, Long> backlogs = new java.util.HashMap<>();
    long ready = 0;
    for (int i = 0; i < nameMaxWorkersBacklog.length; i += 3) {
      String queue = "q." + nameMaxWorkersBacklog[i];
      caps.add(
          new TenantCap(
              (String) nameMaxWorkersBacklog[i], queue, (int) nameMaxWorkersBacklog[i + 1]));
      long backlog = ((Number) nameMaxWorkersBacklog[i + 2]).longValue();
      backlogs.put(queue, backlog);
      ready += backlog;
    }
    tenantCaps = List.copyOf(caps);
    observation =
        new Observation(
            now,
            new QueueDepth(
                caps.size(),
                ready,
                OptionalLong.of(0),
                OptionalLong.empty(),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                "",
                backlogs),
            0,
            List.of());
    return this;
  }

  /** Ready and unacked messages (unacked known), no pods. */
  Scenario backlog(long ready, long unacked) {
    observation = observation(now, ready, OptionalLong.of(unacked), List.of());
    return this;
  }

  /**
   * Ready messages, nothing in flight, and {@code pods} ready pods of which the first {@code
   * paused} report consumption paused with {@code dependency}'s circuit open.
   */
  Scenario pausedWorkers(long ready, int pods, int paused, String dependency) {
    List<PodSample> samples = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      boolean out = i < paused;
      samples.add(
          new PodSample(
              "worker-" + i,
              true,
              false,
              OptionalInt.of(0),
              OptionalLong.of(0),
              OptionalDouble.of(0),
              out,
              out ? List.of(dependency) : List.of()));
    }
    observation = observation(now, ready, OptionalLong.of(0), samples);
    return this;
  }

  /** Ready messages with unacked unknown. */
  Scenario readyOnly(long ready) {
    observation = observation(now, ready, OptionalLong.empty(), List.of());
    return this;
  }

  Scenario failure(ObservationFailure.Kind kind) {
    observation = new ObservationFailure(kind, "broker said no");
    return this;
  }

  Scenario history(Consumer<HistoryBuilder> build) {
    var builder = new HistoryBuilder(ScalingHistory.initial(parameters()));
    build.accept(builder);
    history = builder.build();
    return this;
  }

  ScalingParameters parameters() {
    return ScalingParameters.of(spec);
  }

  ScalingInputs inputs() {
    var parameters = parameters();
    return new ScalingInputs(
        parameters,
        pause,
        current,
        observation,
        quota,
        tenantCaps,
        history == null ? ScalingHistory.initial(parameters) : history,
        now);
  }

  ScalingDecision decide() {
    return Autoscaler.decide(inputs());
  }

  static Observation observation(
      Instant at, long ready, OptionalLong unacked, List<PodSample> pods) {
    return new Observation(
        at,
        new QueueDepth(
            1,
            ready,
            unacked,
            OptionalLong.empty(),
            OptionalInt.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            ""),
        pods.size(),
        pods);
  }

  /** A ready pod that reports no busy time (an older runtime). */
  static PodSample pod(String name, int inFlight, long processed) {
    return new PodSample(
        name,
        true,
        false,
        OptionalInt.of(inFlight),
        OptionalLong.of(processed),
        OptionalDouble.empty());
  }

  /** A ready pod that reports its busy time. */
  static PodSample pod(String name, int inFlight, long processed, double busySeconds) {
    return new PodSample(
        name,
        true,
        false,
        OptionalInt.of(inFlight),
        OptionalLong.of(processed),
        OptionalDouble.of(busySeconds));
  }

  /** Edits a history in terms of seconds before {@link #T0}. */
  static final class HistoryBuilder {
    private final ScalingHistory.Builder builder;
    private final List<ScalingHistory.Recommendation> recommendations = new ArrayList<>();
    private final List<ScalingHistory.ScaleEvent> events = new ArrayList<>();

    HistoryBuilder(ScalingHistory history) {
      builder = history.toBuilder();
    }

    HistoryBuilder recommended(int secondsAgo, int replicas) {
      recommendations.add(new ScalingHistory.Recommendation(T0.minusSeconds(secondsAgo), replicas));
      builder.recommendations(recommendations);
      return this;
    }

    HistoryBuilder scaled(int secondsAgo, int change) {
      events.add(new ScalingHistory.ScaleEvent(T0.minusSeconds(secondsAgo), change));
      builder.scaleEvents(events);
      return this;
    }

    HistoryBuilder failures(int failures) {
      builder.consecutiveFailures(failures);
      return this;
    }

    HistoryBuilder lastGood(int replicas) {
      builder.lastGoodReplicas(replicas);
      return this;
    }

    HistoryBuilder lastActive(int secondsAgo) {
      builder.lastActiveAt(T0.minusSeconds(secondsAgo));
      return this;
    }

    HistoryBuilder idle() {
      builder.idle(true);
      return this;
    }

    HistoryBuilder observed(Observation observation, RateEstimate rates) {
      builder.observed(observation, rates, BacklogAge.EMPTY);
      return this;
    }

    ScalingHistory build() {
      return builder.build();
    }
  }
}
