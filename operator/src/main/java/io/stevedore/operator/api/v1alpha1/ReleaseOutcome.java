package io.stevedore.operator.api.v1alpha1;

/** What became of a release set on an Environment. */
public enum ReleaseOutcome {
  /** Set by hand or by a rollback; not all of ingest and the worker pools run it yet. */
  RollingOut,
  /** Set by hand or by a rollback, and fully rolled out (nothing verifies a hand-set release). */
  RolledOut,
  /** Set by a Promotion that is rolling it out or verifying it. */
  Verifying,
  /** Set by a Promotion that verified it. */
  Succeeded,
  /** Set by a Promotion that stopped without a rollback (e.g. superseded by a hand edit). */
  Failed,
  /** Set by a Promotion whose verification failed; the environment went back. */
  RolledBack,
  /** Set by a Promotion that was deleted before it finished. */
  Abandoned
}
