package io.stevedore.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlMetricNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "up ; up",
        "stevedore_tenant_ready{namespace=\"a\", tenant=~\"b|c\"} == 0 ; stevedore_tenant_ready",
        "sum by (namespace, tenant) (increase(x_total{outcome=\"dead_lettered\"}[10m])) > 0 ; x_total",
        "histogram_quantile(0.95, sum by (le, step) (rate(s_bucket[5m]))) ; s_bucket",
        "a / ignoring (rule) group_left sum without (pod) (b) ; a b",
        "a_ratio > bool 5 and on (ns) b offset 1h ; a_ratio b",
        "max(x{l=\"sum(y)\"}) or vector(0) ; x",
        "(sum by (ns) (leader) < 1) or absent(leader) ; leader",
        "stevedore:ratio_avg1h > (14.4 * (1 - 0.99)) ; stevedore:ratio_avg1h",
        "age > bool OBJECTIVE_SECONDS ; age",
        "avg_over_time(rec[1h:5m]) ; rec",
        "1e3 * rate(c[1m]) ; c",
      })
  void namesTheSelectedMetricsOnly(String expression, String expected) {
    assertThat(PromqlMetricNames.of(expression))
        .containsExactlyInAnyOrderElementsOf(Set.copyOf(Arrays.asList(expected.split(" "))));
  }
}
