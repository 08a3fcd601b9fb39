package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart's monitoring files and what the tests derive from them for promtool. */
final class MonitoringFiles {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private MonitoringFiles() {}

  static Path dashboards() {
    return ChartPaths.chart().resolve("monitoring").resolve("dashboards");
  }

  static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(dashboards())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path runbook() {
    return ChartPaths.repoRoot().resolve("docs").resolve("runbook.md");
  }

  /** A fresh directory under target/ for files handed to promtool. */
  static Path workDirectory(String name) {
    try {
      Path dir = Paths.get("target", "promtool", name).toAbsolutePath();
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rendered PrometheusRule's spec (its groups), as a Prometheus rule file. */
  static Map<String, Object> ruleFile(RenderedChart chart) {
    List<GenericKubernetesResource> rules =
        chart.all(GenericKubernetesResource.class).stream()
            .filter(o -> "PrometheusRule".equals(o.getKind()))
            .toList();
    assertThat(rules).as("rendered PrometheusRules").hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>) rules.get(0).getAdditionalProperties().get("spec");
    return spec;
  }

  /** The rules (alerts and recording rules) of a rule file, across its groups. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Map<String, Object> ruleFile) {
    return ((List<Map<String, Object>>) ruleFile.get("groups"))
        .stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
  }

  static Path write(Path file, Object yaml) {
    try {
      Files.writeString(file, SERIALIZATION.asYaml(yaml));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
