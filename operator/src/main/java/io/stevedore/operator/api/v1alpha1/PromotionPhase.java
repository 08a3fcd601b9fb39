package io.stevedore.operator.api.v1alpha1;

/** Where a Promotion is; the last three are final. */
public enum PromotionPhase {
  /** Queued behind another promotion of the environment, or held by a gate. */
  Pending,
  /** The environment's release was changed; ingest and workers are rolling out. */
  RollingOut,
  /** Rolled out; the health gates are watched for the verification window. */
  Verifying,
  /** Verification failed; the environment is rolling back to its last good release. */
  RollingBack,
  /** Rolled out and verified. */
  Succeeded,
  /** Rejected or stopped without a rollback (invalid, superseded, nothing to roll back to). */
  Failed,
  /** Verification failed and the environment was returned to its last good release. */
  RolledBack;

  public boolean isFinal() {
    return this == Succeeded || this == Failed || this == RolledBack;
  }
}
