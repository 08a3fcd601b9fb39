package io.stevedore.runtime.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Three pods' budgets on a manual clock, their reports carried by an in-process fanout that the
 * test can cut: what each pod measures, when it trusts the shared view, and when it falls back to
 * 1/N.
 */
class SharedRateBudgetTest {
  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final String TENANT = "ns/acme";
  private static final int PLAN = 300;

  /** Delivers every published report to every subscriber, itself included, unless cut. */
  private static final class Fanout {
    final List<Consumer<DemandReport>> listeners = new ArrayList<>();
    boolean up = true;

    DemandChannel channel() {
      return new DemandChannel() {
        @Override
        public void start(Consumer<DemandReport> listener) {
          listeners.add(listener);
        }

        @Override
        public boolean publish(DemandReport report) {
          if (up) {
            listeners.forEach(listener -> listener.accept(report));
          }
          return up;
        }

        @Override
        public void reconnect() {}

        @Override
        public void close() {}
      };
    }
  }

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicInteger reconnects = new AtomicInteger();
  private final Fanout fanout = new Fanout();
  private final SharedRateBudget a = budget("a");
  private final SharedRateBudget b = budget("b");
  private final SharedRateBudget c = budget("c");

  @Test
  void beforeAnyReportAPodEnforcesOneNth() {
    assertThat(a.shared()).isFalse();
    assertThat(a.ratePerSecond(TENANT, PLAN)).isEqualTo(100.0);
  }

  @Test
  void withoutAChannelAPodEnforcesOneNthWhateverItIsAsked() {
    var alone = new SharedRateBudget("sqs-pod", 3, null, nanos::get, INTERVAL);
    alone.start(); // no channel (SQS): nothing to listen to, no timer

    alone.asked(TENANT, 10_000);

    assertThat(alone.shared()).isFalse();
    assertThat(alone.ratePerSecond(TENANT, PLAN)).isEqualTo(100.0);
  }

  @Test
  void oneClientOnOnePodGetsThePlanLessTheIdleFloors() {
    run(8, 200, 0, 0); // 800 events/s asked of a alone

    assertThat(a.shared()).isTrue();
    assertThat(a.livePods()).isEqualTo(3);
    assertThat(a.ratePerSecond(TENANT, PLAN)).isCloseTo(290.0, within(1e-6));
    assertThat(b.ratePerSecond(TENANT, PLAN)).isCloseTo(5.0, within(1e-6));
  }

  @Test
  void aClientSpreadOverAllPodsGetsAThirdOnEach() {
    run(8, 70, 70, 70);

    for (SharedRateBudget pod : List.of(a, b, c)) {
      assertThat(pod.ratePerSecond(TENANT, PLAN)).isCloseTo(100.0, within(1e-6));
    }
  }

  @Test
  void demandIsTheAverageOfTheLastSecondAndThenForgotten() {
    run(8, 10, 0, 0); // 40 events/s: fits, a gets it plus a third of the spare
    assertThat(a.ratePerSecond(TENANT, PLAN)).isCloseTo(5 + 35 + (285 - 35) / 3.0, within(1e-6));

    run(SharedRateBudget.WINDOW_INTERVALS, 0, 0, 0);

    assertThat(a.ratePerSecond(TENANT, PLAN)).isCloseTo(100.0, within(1e-6));
  }

  @Test
  void whenTheChannelFailsEveryPodFallsBackToOneNth() {
    run(8, 200, 0, 0);

    fanout.up = false;
    run(1, 200, 0, 0);

    assertThat(a.shared()).isFalse();
    assertThat(a.ratePerSecond(TENANT, PLAN)).isEqualTo(100.0);
    fanout.up = true;
    run(2, 200, 0, 0);
    assertThat(a.ratePerSecond(TENANT, PLAN)).isCloseTo(290.0, within(1e-6));
  }

  @Test
  void aPodWhoseOwnReportsDoNotComeBackFallsBackToOneNthAndReconnects() {
    var deaf = new SharedRateBudget("deaf", 3, deafChannel(), nanos::get, INTERVAL);
    deaf.listen();
    for (int i = 0; i < 8; i++) {
      deaf.asked(TENANT, 200);
      deaf.tick();
      nanos.addAndGet(INTERVAL.toNanos());
    }

    assertThat(deaf.shared()).isFalse();
    assertThat(deaf.ratePerSecond(TENANT, PLAN)).isEqualTo(100.0);
    // 8 silent intervals: a reconnect after the first 4 (and a bit), not one per interval
    assertThat(reconnects).hasValue(1);
  }

  @Test
  void aPodThatStopsReportingLeavesItsOneNthReserved() {
    run(8, 200, 0, 0);

    for (int i = 0; i <= SharedRateBudget.LIVE_FOR_INTERVALS; i++) {
      a.asked(TENANT, 200);
      a.tick();
      b.tick();
      nanos.addAndGet(INTERVAL.toNanos());
    }

    assertThat(a.livePods()).isEqualTo(2);
    // c may still serve on its fallback of 100/s: a and b share the other 200.
    assertThat(a.ratePerSecond(TENANT, PLAN)).isCloseTo(195.0, within(1e-6));
  }

  /** {@code intervals} intervals in which each pod is asked for these events, then reports. */
  private void run(int intervals, int eventsOfA, int eventsOfB, int eventsOfC) {
    for (int i = 0; i < intervals; i++) {
      a.asked(TENANT, eventsOfA);
      b.asked(TENANT, eventsOfB);
      c.asked(TENANT, eventsOfC);
      a.tick();
      b.tick();
      c.tick();
      nanos.addAndGet(INTERVAL.toNanos());
    }
  }

  private SharedRateBudget budget(String pod) {
    var budget = new SharedRateBudget(pod, 3, fanout.channel(), nanos::get, INTERVAL);
    budget.listen(); // no timer: the test ticks by hand
    return budget;
  }

  private DemandChannel deafChannel() {
    return new DemandChannel() {
      @Override
      public void start(Consumer<DemandReport> listener) {}

      @Override
      public boolean publish(DemandReport report) {
        return true;
      }

      @Override
      public void reconnect() {
        reconnects.incrementAndGet();
      }

      @Override
      public void close() {}
    };
  }
}
