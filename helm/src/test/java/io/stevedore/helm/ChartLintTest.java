package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

  @Test
  void chartPassesStrictLint() {
    LintResult result = new Helm(ChartPaths.chart()).lint().strict().call();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
  }

  @Test
  void lintReportsNoErrorsOrWarnings() {
    LintResult result = new Helm(ChartPaths.chart()).lint().strict().call();

    assertThat(result.getMessages())
        .noneMatch(message -> message.startsWith("[ERROR]") || message.startsWith("[WARNING]"));
  }
}
