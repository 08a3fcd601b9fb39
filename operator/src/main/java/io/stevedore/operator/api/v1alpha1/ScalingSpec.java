package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the operator sizes a pool from the depth of its tenants' queues: bounds, targets, idle
 * behaviour, polling, HPA-style rate limits and what happens when the queues cannot be read.
 */
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "scaling.minReplicas must not exceed scaling.maxReplicas")
@ValidationRule(
    value = "!has(self.idleReplicas) || self.idleReplicas <= self.minReplicas",
    message = "scaling.idleReplicas must not exceed scaling.minReplicas")
@ValidationRule(
    value =
        "!has(self.fallback) || !has(self.fallback.replicas)"
            + " || self.fallback.replicas <= self.maxReplicas",
    message = "scaling.fallback.replicas must not exceed scaling.maxReplicas")
public class ScalingSpec {

  /** Fewest worker pods while the pool has work; 0 lets the pool scale to zero. */
  @Default("1")
  @Min(0)
  @Max(1000)
  private Integer minReplicas = 1;

  /** Most worker pods. */
  @Default("10")
  @Min(1)
  @Max(1000)
  private Integer maxReplicas = 10;

  /**
   * Seconds within which the backlog should drain: the pool is sized so that its replicas, at the
   * measured per-replica throughput, process the measured arrival rate plus backlog / this.
   */
  @Default("30")
  @Min(1)
  @Max(86400)
  private Integer targetDrainSeconds = 30;

  /**
   * Messages (ready + unacknowledged) one replica should have at most, as KEDA's queueLength
   * target: when set, the pool also gets at least ceil(backlog / this) replicas. Unset by default:
   * drain-time sizing alone.
   */
  @Min(1)
  private Long targetBacklogPerReplica;

  /**
   * A pool at its idle size (or at zero) starts scaling only when the backlog exceeds this many
   * messages (KEDA's activation threshold).
   */
  @Default("0")
  @Min(0)
  private Long activationBacklog = 0L;

  /**
   * Replicas once the pool has had no work (backlog at or below activationBacklog, nothing in
   * flight) for idleAfterSeconds; any value up to minReplicas, 0 to scale to zero. Unset: the pool
   * stays at minReplicas.
   */
  @Min(0)
  @Max(1000)
  private Integer idleReplicas;

  /** Seconds without work before the pool goes to idleReplicas (KEDA's cooldownPeriod). */
  @Default("60")
  @Min(0)
  @Max(86400)
  private Integer idleAfterSeconds = 60;

  /** Seconds between two observations of the pool's queues. */
  @Default("1")
  @Min(1)
  @Max(300)
  private Integer pollIntervalSeconds = 1;

  /**
   * Messages per second one replica is assumed to process until its throughput has been measured
   * (from the workers' processed counters, else the broker's ack rate).
   */
  @Default("10")
  @Min(1)
  @Max(1000000)
  private Integer initialThroughputPerReplica = 10;

  /**
   * Changes smaller than this percentage of the current replicas are not made (the HPA's
   * tolerance), so that noise does not resize the pool.
   */
  @Default("10")
  @Min(0)
  @Max(100)
  private Integer tolerancePercent = 10;

  /** How fast the pool may grow and shrink: HPA scaling policies and stabilization windows. */
  private ScalingBehavior behavior = new ScalingBehavior();

  /** What the pool does when its queues cannot be observed. */
  private ScalingFallback fallback = new ScalingFallback();

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetDrainSeconds() {
    return targetDrainSeconds;
  }

  public void setTargetDrainSeconds(Integer targetDrainSeconds) {
    this.targetDrainSeconds = targetDrainSeconds;
  }

  public Long getTargetBacklogPerReplica() {
    return targetBacklogPerReplica;
  }

  public void setTargetBacklogPerReplica(Long targetBacklogPerReplica) {
    this.targetBacklogPerReplica = targetBacklogPerReplica;
  }

  public Long getActivationBacklog() {
    return activationBacklog;
  }

  public void setActivationBacklog(Long activationBacklog) {
    this.activationBacklog = activationBacklog;
  }

  public Integer getIdleReplicas() {
    return idleReplicas;
  }

  public void setIdleReplicas(Integer idleReplicas) {
    this.idleReplicas = idleReplicas;
  }

  public Integer getIdleAfterSeconds() {
    return idleAfterSeconds;
  }

  public void setIdleAfterSeconds(Integer idleAfterSeconds) {
    this.idleAfterSeconds = idleAfterSeconds;
  }

  public Integer getPollIntervalSeconds() {
    return pollIntervalSeconds;
  }

  public void setPollIntervalSeconds(Integer pollIntervalSeconds) {
    this.pollIntervalSeconds = pollIntervalSeconds;
  }

  public Integer getInitialThroughputPerReplica() {
    return initialThroughputPerReplica;
  }

  public void setInitialThroughputPerReplica(Integer initialThroughputPerReplica) {
    this.initialThroughputPerReplica = initialThroughputPerReplica;
  }

  public Integer getTolerancePercent() {
    return tolerancePercent;
  }

  public void setTolerancePercent(Integer tolerancePercent) {
    this.tolerancePercent = tolerancePercent;
  }

  public ScalingBehavior getBehavior() {
    return behavior;
  }

  public void setBehavior(ScalingBehavior behavior) {
    this.behavior = behavior;
  }

  public ScalingFallback getFallback() {
    return fallback;
  }

  public void setFallback(ScalingFallback fallback) {
    this.fallback = fallback;
  }
}
