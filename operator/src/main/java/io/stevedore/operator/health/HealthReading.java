package io.stevedore.operator.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the operator measured of one Environment for its promotion gates. A reading that was not
 * asked for is null; one that could not be taken says why in {@code unavailable}, so that a missing
 * measurement is never mistaken for a healthy zero.
 *
 * @param environment the measured Environment's name
 * @param ready whether its Ready condition is True
 * @param readyMessage its Ready condition's reason and message
 */
public record HealthReading(
    String environment,
    boolean ready,
    String readyMessage,
    Backlog backlog,
    WindowedCount deadLetters,
    WindowedRatio ingestErrors) {

  /**
   * Oldest message age per WorkerPool, as the autoscaler reports it in the pool's status.
   *
   * @param ageSecondsByPool pools that report an age
   * @param unmeasuredPools pools with tenants that report none
   */
  public record Backlog(Map<String, Long> ageSecondsByPool, List<String> unmeasuredPools) {}

  /**
   * How much a count grew over the measured span.
   *
   * @param increase growth over the span
   * @param span time between the first and the last sample used
   * @param detail the largest contributors, e.g. {@code acme +3}
   * @param unavailable why nothing could be measured, or null
   */
  public record WindowedCount(double increase, Duration span, String detail, String unavailable) {
    public static WindowedCount unavailable(String why) {
      return new WindowedCount(0, Duration.ZERO, "", why);
    }
  }

  /**
   * Errors among all attempts over the measured span.
   *
   * @param errors attempts that failed on the server side
   * @param total attempts, failed or not
   * @param span time between the first and the last sample used
   * @param detail what was left out, e.g. pods without an address
   * @param unavailable why nothing could be measured, or null
   */
  public record WindowedRatio(
      double errors, double total, Duration span, String detail, String unavailable) {
    public static WindowedRatio unavailable(String why) {
      return new WindowedRatio(0, 0, Duration.ZERO, "", why);
    }
  }
}
