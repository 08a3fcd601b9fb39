package io.stevedore.runtime.ingest.ratelimit;

/** How many events per second this ingest pod may accept for a tenant, and what it was asked. */
public interface TenantAllowance {

  /** This pod's part of {@code tenant}'s plan of {@code planPerSecond} events per second. */
  double ratePerSecond(String tenant, int planPerSecond);

  /** Notes that {@code events} events of {@code tenant} asked to pass, accepted or not. */
  void asked(String tenant, int events);

  /** A fixed 1/{@code pods} of every plan, whatever the demand: needs no coordination. */
  static TenantAllowance fixedShare(int pods) {
    int share = Math.max(1, pods);
    return new TenantAllowance() {
      @Override
      public double ratePerSecond(String tenant, int planPerSecond) {
        return (double) planPerSecond / share;
      }

      @Override
      public void asked(String tenant, int events) {}
    };
  }
}
