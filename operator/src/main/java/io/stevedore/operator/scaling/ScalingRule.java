package io.stevedore.operator.scaling;

/** The rule that settled a decision's replica count (status.scaling.rule). */
public enum ScalingRule {
  /** Sized so the backlog drains within targetDrainSeconds at the measured rates. */
  DrainTime,
  /** Sized by targetBacklogPerReplica, which asked for more than drain-time sizing. */
  Backlog,
  /** Within the tolerance of the current size: unchanged. */
  Tolerance,
  /** Raised to minReplicas. */
  MinReplicas,
  /** Capped at maxReplicas. */
  MaxReplicas,
  /** Some tenant's backlog called for more than its plan.maxWorkers; capped there. */
  TenantPlans,
  /** At its idle size (or zero) with a backlog at or below activationBacklog: stays there. */
  Activation,
  /** No work for idleAfterSeconds: set to idleReplicas. */
  Idle,
  /** Held up by a higher recommendation within the scale-down stabilization window. */
  ScaleDownStabilization,
  /** Held down by a lower recommendation within the scale-up stabilization window. */
  ScaleUpStabilization,
  /** Growth limited by the scale-up policies. */
  ScaleUpPolicy,
  /** Shrinking limited by the scale-down policies. */
  ScaleDownPolicy,
  /** Scale-up selectPolicy is Disabled. */
  ScaleUpDisabled,
  /** Scale-down selectPolicy is Disabled. */
  ScaleDownDisabled,
  /** The observation failed, fewer times than the fallback's failureThreshold: size kept. */
  SourceFailure,
  /** The fallback behaviour applies after failureThreshold failed observations. */
  Fallback,
  /** Capped by a ResourceQuota that admits no more pods. */
  Quota,
  /** Scaling is paused by annotation: size kept. */
  Paused,
  /** Replicas pinned by annotation. */
  Pinned,
  /** Scaling in is paused by annotation. */
  ScaleInPaused,
  /** Scaling out is paused by annotation. */
  ScaleOutPaused,
  /**
   * Workers paused consumption because a store is unavailable: size kept, since more workers would
   * not drain anything and an idle-looking pool is not idle.
   */
  DependencyOutage,
  /** Nothing in flight could not be confirmed, so the pool does not go below one replica. */
  InFlightUnknown
}
