package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.Scenario.T0;
import static io.stevedore.operator.scaling.Scenario.observation;
import static io.stevedore.operator.scaling.Scenario.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateEstimateTest {
  private final RateEstimate initial = RateEstimate.initial(10);

  @Test
  void beforeAnySampleTheThroughputIsTheInitialOne() {
    var first = initial.next(null, observation(T0, 100, OptionalLong.of(0), List.of()));

    assertThat(first.throughputPerReplica()).isEqualTo(10);
    assertThat(first.throughputMeasured()).isFalse();
    assertThat(first.arrivalKnown()).isFalse();
  }

  @Test
  void saturatedWorkersMeasureTheirThroughputFromTheirCounters() {
    var before =
        observation(T0, 500, OptionalLong.of(40), List.of(pod("a", 20, 1000), pod("b", 20, 2000)));
    var after =
        observation(
            T0.plusSeconds(2),
            520,
            OptionalLong.of(40),
            List.of(pod("a", 20, 1060), pod("b", 20, 2060)));

    var estimate = initial.next(null, before).next(before, after);

    assertThat(estimate.throughputPerReplica()).isCloseTo(30, within(1e-9));
    assertThat(estimate.throughputMeasured()).isTrue();
    // 120 consumed and the backlog grew by 20 in 2 s: 70 messages per second arrived.
    assertThat(estimate.arrivalRate()).isCloseTo(arrivalAfter(70, 2), within(1e-9));
    assertThat(estimate.consumedInInterval()).hasValue(120);
  }

  @Test
  void idleWorkersDoNotLowerTheThroughputButFasterOnesRaiseIt() {
    var before = observation(T0, 0, OptionalLong.of(2), List.of(pod("a", 2, 100)));
    var slow = observation(T0.plusSeconds(1), 0, OptionalLong.of(1), List.of(pod("a", 1, 102)));
    var fast = observation(T0.plusSeconds(2), 0, OptionalLong.of(1), List.of(pod("a", 1, 152)));

    var afterSlow = initial.next(before, slow);
    var afterFast = afterSlow.next(slow, fast);

    assertThat(afterSlow.throughputPerReplica()).isEqualTo(10);
    assertThat(afterSlow.throughputMeasured()).isFalse();
    assertThat(afterFast.throughputPerReplica()).isGreaterThan(10).isLessThan(50);
  }

  @Test
  void busyTimeMeasuresTheCapacityOfWorkersThatAreNotSaturated() {
    var before = observation(T0, 0, OptionalLong.of(1), List.of(pod("a", 1, 100, 4.0)));
    var after =
        observation(T0.plusSeconds(2), 0, OptionalLong.of(1), List.of(pod("a", 1, 110, 4.5)));

    var estimate = initial.next(null, before).next(before, after);

    // 10 messages in half a second of busy time: the worker could do 20 a second.
    assertThat(estimate.throughputPerReplica()).isCloseTo(20, within(1e-9));
    assertThat(estimate.throughputMeasured()).isTrue();
  }

  @Test
  void busyTimeTooShortForASampleCarriesOverUntilItIsEnough() {
    // One message of 20 ms busy time a second: a sample needs 50 ms, so the third second gives it.
    var o0 = observation(T0, 0, OptionalLong.of(0), List.of(pod("a", 0, 100, 4.00)));
    var o1 = observation(T0.plusSeconds(1), 0, OptionalLong.of(0), List.of(pod("a", 0, 101, 4.02)));
    var o2 = observation(T0.plusSeconds(2), 0, OptionalLong.of(0), List.of(pod("a", 0, 102, 4.04)));
    var o3 = observation(T0.plusSeconds(3), 0, OptionalLong.of(0), List.of(pod("a", 0, 103, 4.06)));

    var after2 = initial.next(null, o0).next(o0, o1).next(o1, o2);
    var after3 = after2.next(o2, o3);

    assertThat(after2.throughputMeasured()).isFalse();
    assertThat(after2.throughputPerReplica()).isEqualTo(10);
    assertThat(after3.throughputMeasured()).isTrue();
    assertThat(after3.throughputPerReplica()).isCloseTo(50, within(1e-6));
    assertThat(after3.pendingBusySeconds()).isZero();
  }

  @Test
  void aRestartedWorkerCountsFromZero() {
    var before = observation(T0, 100, OptionalLong.of(0), List.of(pod("a", 0, 5000)));
    var after = observation(T0.plusSeconds(1), 90, OptionalLong.of(0), List.of(pod("a", 0, 15)));

    assertThat(initial.next(before, after).consumedInInterval()).hasValue(15);
  }

  @Test
  void withoutReadablePodsTheBrokersRatesAreUsed() {
    var unreadable = List.of(PodSample.unreadable("a", true), PodSample.unreadable("b", true));
    var before = withRates(observation(T0, 300, OptionalLong.of(50), unreadable), 40, 24);
    var after =
        withRates(observation(T0.plusSeconds(1), 310, OptionalLong.of(50), unreadable), 40, 24);

    var estimate = initial.next(before, after);

    assertThat(estimate.throughputPerReplica()).isCloseTo(12, within(1e-9));
    assertThat(estimate.arrivalRate()).isCloseTo(arrivalAfter(34, 1), within(1e-9));
  }

  @Test
  void withNeitherCountersNorRatesTheArrivalIsTheBacklogGrowthAndThroughputStays() {
    var unreadable = List.of(PodSample.unreadable("a", true));
    var before = observation(T0, 300, OptionalLong.empty(), unreadable);
    var after = observation(T0.plusSeconds(2), 340, OptionalLong.empty(), unreadable);

    var estimate = initial.next(before, after);

    assertThat(estimate.arrivalRate()).isCloseTo(arrivalAfter(20, 2), within(1e-9));
    assertThat(estimate.throughputPerReplica()).isEqualTo(10);
    assertThat(estimate.consumedInInterval()).isEmpty();
  }

  @Test
  void smoothingFollowsAStepWithTheTimeConstant() {
    double value = 0;
    long seconds = RateEstimate.ARRIVAL_SMOOTHING.toSeconds();
    for (int i = 0; i < seconds; i++) {
      value = RateEstimate.smooth(value, 100, 1, RateEstimate.ARRIVAL_SMOOTHING);
    }
    // After one time constant, 1 - 1/e of the step.
    assertThat(value).isCloseTo(100 * (1 - Math.exp(-1)), within(1e-9));
  }

  @Test
  void workersThatConsumeNothingAreNoThroughputSample() {
    var unreadable = List.of(PodSample.unreadable("a", true));
    var before = withRates(observation(T0, 300, OptionalLong.of(0), unreadable), 0, 0);
    var after =
        withRates(observation(T0.plusSeconds(1), 300, OptionalLong.of(0), unreadable), 0, 0);
    var unread = observation(T0, 300, OptionalLong.of(0), List.of(pod("a", 0, 7)));
    var stuck = observation(T0.plusSeconds(1), 300, OptionalLong.of(0), List.of(pod("a", 0, 7)));

    assertThat(initial.next(before, after).throughputPerReplica()).isEqualTo(10);
    assertThat(initial.next(unread, stuck).throughputPerReplica()).isEqualTo(10);
  }

  @Test
  void aBurstIsBacklogNotARate() {
    var before = observation(T0, 0, OptionalLong.of(0), List.of());
    var burst = observation(T0.plusSeconds(1), 6000, OptionalLong.of(0), List.of());

    var estimate = initial.next(before, burst);

    assertThat(estimate.arrivalRate()).isLessThan(6000 * 0.1);
  }

  /**
   * The smoothed arrival rate, from zero, after one sample of {@code rate} over {@code seconds}.
   */
  private static double arrivalAfter(double rate, double seconds) {
    return RateEstimate.smooth(0, rate, seconds, RateEstimate.ARRIVAL_SMOOTHING);
  }

  private static Observation withRates(Observation o, double publish, double ack) {
    var depth = o.depth();
    return new Observation(
        o.at(),
        new QueueDepth(
            depth.queues(),
            depth.ready(),
            depth.unacked(),
            depth.delayed(),
            OptionalInt.of(2),
            OptionalDouble.of(publish),
            OptionalDouble.of(ack),
            ""),
        2,
        o.pods());
  }
}
