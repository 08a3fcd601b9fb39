package io.stevedore.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessMeasuresTest {

  @Test
  void maxMinFairGivesTheSmallDemandsInFullAndSplitsTheRestByWeight() {
    double[] fair =
        FairnessMeasures.maxMinFair(100, new double[] {5, 5, 500, 500}, new double[] {1, 1, 1, 3});
    assertThat(fair).containsExactly(new double[] {5, 5, 22.5, 67.5}, within(1e-9));
  }

  @Test
  void maxMinFairWithinCapacityGivesEveryDemand() {
    assertThat(FairnessMeasures.maxMinFair(100, new double[] {10, 20}, new double[] {1, 1}))
        .containsExactly(new double[] {10, 20}, within(1e-9));
  }

  @Test
  void jainIsOneWhenEveryoneGetsItsFairShareAndOneOverNWhenOneGetsAll() {
    double[] fair = {10, 10, 10, 10};
    assertThat(FairnessMeasures.jain(new double[] {10, 10, 10, 10}, fair))
        .isCloseTo(1, within(1e-9));
    assertThat(FairnessMeasures.jain(new double[] {40, 0, 0, 0}, fair))
        .isCloseTo(0.25, within(1e-9));
  }

  @Test
  void quantileIsByNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(FairnessMeasures.quantile(values, 0.95)).isEqualTo(10.0);
    assertThat(FairnessMeasures.quantile(values, 0.5)).isEqualTo(5.0);
    assertThat(FairnessMeasures.quantile(List.of(), 0.5)).isNaN();
  }
}
