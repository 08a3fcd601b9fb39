package io.stevedore.operator.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * KEDA (RabbitMQ scaler, queue length) driving an HPA, with their defaults:
 *
 * <ul>
 *   <li>KEDA's loop runs every pollingInterval (30 s): an inactive ScaledObject (metric at or below
 *       activation) at zero stays there; an active one at zero goes to max(minReplicaCount, 1); one
 *       inactive for cooldownPeriod (300 s) since it was last active goes to idleReplicaCount.
 *   <li>The HPA syncs every 15 s (reading the metric fresh: KEDA's metrics server queries the
 *       scaler on each request unless useCachedMetrics) and does nothing at zero replicas.
 *   <li>AverageValue target: usage ratio = metric / (target × current); within the 10 % tolerance
 *       nothing changes, otherwise the recommendation is ceil(metric / target), within
 *       [minReplicas, maxReplicas].
 *   <li>Default behavior: scale-up without stabilization, at most max(+100 %, +4 pods) per 15 s;
 *       scale-down to the highest recommendation of the last 300 s, at most -100 % per 15 s.
 * </ul>
 */
final class KedaHpaModel implements ScaleSimulation.Policy {
  static final double POLLING_INTERVAL = 30;
  static final double COOLDOWN = 300;
  static final double HPA_SYNC = 15;
  static final double TOLERANCE = 0.1;
  static final double SCALE_DOWN_WINDOW = 300;
  static final double POLICY_PERIOD = 15;

  private record Recommendation(double at, int replicas) {}

  private record Change(double at, int delta) {}

  private final double target;
  private final int minReplicas;
  private final int maxReplicas;
  private final int idleReplicas;
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  private final Deque<Change> changes = new ArrayDeque<>();
  private double nextPoll;
  private double nextSync;
  private double lastActive = Double.NEGATIVE_INFINITY;
  private int replicas;

  /**
   * @param target the trigger's queue length per replica (AverageValue)
   * @param idleReplicas idleReplicaCount (KEDA only supports 0)
   */
  KedaHpaModel(double target, int minReplicas, int maxReplicas, int idleReplicas) {
    this.target = target;
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.idleReplicas = idleReplicas;
  }

  @Override
  public String name() {
    return "KEDA+HPA";
  }

  @Override
  public int decide(double now, ScaleSimulation.PoolView pool) {
    replicas = pool.replicas();
    double metric = pool.backlog();
    if (now >= nextPoll) {
      nextPoll = now + POLLING_INTERVAL;
      boolean active = metric > 0;
      if (active) {
        lastActive = now;
        if (replicas == 0) {
          set(now, Math.max(minReplicas, 1));
        }
      } else if (replicas > idleReplicas && now - lastActive >= COOLDOWN) {
        set(now, idleReplicas);
        recommendations.clear();
      }
    }
    if (now >= nextSync) {
      nextSync = now + HPA_SYNC;
      if (replicas > 0) {
        sync(now, metric);
      }
    }
    return replicas;
  }

  private void sync(double now, double metric) {
    double ratio = metric / (target * replicas);
    int recommended =
        Math.abs(ratio - 1) <= TOLERANCE ? replicas : (int) Math.ceil(metric / target);
    recommended = Math.max(Math.max(minReplicas, 1), Math.min(maxReplicas, recommended));
    recommendations.addLast(new Recommendation(now, recommended));
    while (!recommendations.isEmpty()
        && recommendations.peekFirst().at() <= now - SCALE_DOWN_WINDOW) {
      recommendations.pollFirst();
    }
    int stabilized = replicas;
    int down =
        recommendations.stream().mapToInt(Recommendation::replicas).max().orElse(recommended);
    if (stabilized < recommended) {
      stabilized = recommended;
    }
    if (stabilized > down) {
      stabilized = down;
    }
    while (!changes.isEmpty() && changes.peekFirst().at() <= now - POLICY_PERIOD) {
      changes.pollFirst();
    }
    int periodStart = replicas - changes.stream().mapToInt(Change::delta).sum();
    if (stabilized > replicas) {
      int limit = Math.max(2 * periodStart, periodStart + 4);
      stabilized = Math.min(Math.min(stabilized, limit), maxReplicas);
    }
    if (stabilized != replicas) {
      set(now, stabilized);
    }
  }

  private void set(double now, int next) {
    changes.addLast(new Change(now, next - replicas));
    replicas = next;
  }
}
