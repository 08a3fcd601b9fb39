package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

  /** helm-java's lint takes no values: lint a copy whose values.yaml turns monitoring on. */
  @Test
  void chartWithEveryMonitoringObjectOnPassesStrictLint() throws IOException {
    Path copy = Files.createTempDirectory("chart-").resolve("stevedore");
    try (Stream<Path> files = Files.walk(ChartPaths.chart())) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(ChartPaths.chart().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    String values = Files.readString(copy.resolve("values.yaml"));
    int monitoring = values.indexOf("\nmonitoring:");
    assertThat(monitoring).isPositive();
    String monitoringOn =
        values.substring(monitoring).replace("    enabled: false", "    enabled: true");
    assertThat(monitoringOn).doesNotContain("enabled: false");
    Files.writeString(copy.resolve("values.yaml"), values.substring(0, monitoring) + monitoringOn);

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(message -> message.startsWith("[ERROR]") || message.startsWith("[WARNING]"));
    assertThat(RenderedChart.templateOf(copy))
        .contains("kind: PrometheusRule", "kind: ServiceMonitor", "kind: PodMonitor")
        .contains("grafana_dashboard: \"1\"");
  }
}
