package io.stevedore.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/** The autoscaler's last decision about a WorkerPool. */
public class ScalingStatus {

  /** When the queues were observed for this decision (RFC 3339). */
  private String observedAt;

  /** Queues observed: the main queue of every tenant the pool serves. */
  private Integer queues;

  /** Messages waiting or being processed: ready + unacknowledged over the pool's queues. */
  private Long backlog;

  /**
   * Messages ready for delivery (exact: a passive declare on RabbitMQ, visible messages on SQS).
   */
  private Long ready;

  /**
   * Messages delivered and not yet acknowledged (the workers' in-flight count, else the management
   * API; in flight on SQS); unset when unknown.
   */
  private Long unacked;

  /** Messages not yet deliverable (SQS delayed messages); not part of the backlog. */
  private Long delayed;

  /** Consumers attached to the queues, when the broker reports them. */
  private Integer consumers;

  /** Messages per second arriving at the pool's queues, smoothed. */
  private Double arrivalRate;

  /** Messages per second one replica processes, smoothed. */
  private Double throughputPerReplica;

  /**
   * Where throughputPerReplica comes from: `Measured` (workers' processed counters or the broker's
   * ack rate, while the queues were never empty) or `Initial`
   * (spec.scaling.initialThroughputPerReplica).
   */
  private String throughputSource;

  /**
   * Estimated age of the oldest waiting message, from the arrival and processing history (first in,
   * first out).
   */
  private Double oldestMessageAgeSeconds;

  /** Replicas of the Deployment when the decision was made. */
  private Integer currentReplicas;

  /** Replicas the observations call for, before bounds, rate limits, quota and pauses. */
  private Integer recommendedReplicas;

  /** Replicas applied to the Deployment. */
  private Integer desiredReplicas;

  /**
   * The rule that settled desiredReplicas, e.g. `DrainTime`, `MaxReplicas`,
   * `ScaleDownStabilization`, `Fallback`, `Quota`, `Paused` (see the README's WorkerPool
   * reference).
   */
  private String rule;

  /** The decision in one sentence: inputs and the limiting rule. */
  private String message;

  /** Observations that failed in a row (any kind of failure); 0 after a success. */
  private Integer consecutiveFailures;

  /** When the autoscaler last changed the Deployment's replicas (RFC 3339). */
  private String lastScaleTime;

  /** Each served tenant's part of the demand and whether its plan.maxWorkers capped it. */
  private List<TenantShareStatus> tenantShares = new ArrayList<>();

  /** The tenants whose backlog called for more than their plan.maxWorkers. */
  private List<String> cappedTenants = new ArrayList<>();

  public String getObservedAt() {
    return observedAt;
  }

  public void setObservedAt(String observedAt) {
    this.observedAt = observedAt;
  }

  public Integer getQueues() {
    return queues;
  }

  public void setQueues(Integer queues) {
    this.queues = queues;
  }

  public Long getBacklog() {
    return backlog;
  }

  public void setBacklog(Long backlog) {
    this.backlog = backlog;
  }

  public Long getReady() {
    return ready;
  }

  public void setReady(Long ready) {
    this.ready = ready;
  }

  public Long getUnacked() {
    return unacked;
  }

  public void setUnacked(Long unacked) {
    this.unacked = unacked;
  }

  public Long getDelayed() {
    return delayed;
  }

  public void setDelayed(Long delayed) {
    this.delayed = delayed;
  }

  public Integer getConsumers() {
    return consumers;
  }

  public void setConsumers(Integer consumers) {
    this.consumers = consumers;
  }

  public Double getArrivalRate() {
    return arrivalRate;
  }

  public void setArrivalRate(Double arrivalRate) {
    this.arrivalRate = arrivalRate;
  }

  public Double getThroughputPerReplica() {
    return throughputPerReplica;
  }

  public void setThroughputPerReplica(Double throughputPerReplica) {
    this.throughputPerReplica = throughputPerReplica;
  }

  public String getThroughputSource() {
    return throughputSource;
  }

  public void setThroughputSource(String throughputSource) {
    this.throughputSource = throughputSource;
  }

  public Double getOldestMessageAgeSeconds() {
    return oldestMessageAgeSeconds;
  }

  public void setOldestMessageAgeSeconds(Double oldestMessageAgeSeconds) {
    this.oldestMessageAgeSeconds = oldestMessageAgeSeconds;
  }

  public Integer getCurrentReplicas() {
    return currentReplicas;
  }

  public void setCurrentReplicas(Integer currentReplicas) {
    this.currentReplicas = currentReplicas;
  }

  public Integer getRecommendedReplicas() {
    return recommendedReplicas;
  }

  public void setRecommendedReplicas(Integer recommendedReplicas) {
    this.recommendedReplicas = recommendedReplicas;
  }

  public Integer getDesiredReplicas() {
    return desiredReplicas;
  }

  public void setDesiredReplicas(Integer desiredReplicas) {
    this.desiredReplicas = desiredReplicas;
  }

  public String getRule() {
    return rule;
  }

  public void setRule(String rule) {
    this.rule = rule;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Integer getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public void setConsecutiveFailures(Integer consecutiveFailures) {
    this.consecutiveFailures = consecutiveFailures;
  }

  public String getLastScaleTime() {
    return lastScaleTime;
  }

  public void setLastScaleTime(String lastScaleTime) {
    this.lastScaleTime = lastScaleTime;
  }

  public List<TenantShareStatus> getTenantShares() {
    return tenantShares;
  }

  public void setTenantShares(List<TenantShareStatus> tenantShares) {
    this.tenantShares = tenantShares;
  }

  public List<String> getCappedTenants() {
    return cappedTenants;
  }

  public void setCappedTenants(List<String> cappedTenants) {
    this.cappedTenants = cappedTenants;
  }
}
