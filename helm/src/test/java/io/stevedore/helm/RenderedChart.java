package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart rendered by {@code helm template} and parsed into Fabric8 model objects. */
final class RenderedChart {

  static final String RELEASE = "platform";
  static final String NAMESPACE = "stevedore-system";
  static final String FULLNAME = "platform-stevedore";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<HasMetadata> objects;

  private RenderedChart(List<HasMetadata> objects) {
    this.objects = objects;
  }

  /** Objects as if rendered, for tests of what reads a rendering. */
  static RenderedChart of(List<HasMetadata> objects) {
    return new RenderedChart(List.copyOf(objects));
  }

  static RenderedChart withDefaults() {
    return withValues(Map.of());
  }

  /**
   * Renders with {@code --set key=value} for each entry. helm-java does not parse the {@code {a,b}}
   * list syntax: set list items by index, e.g. {@code watchNamespaces[0]}.
   */
  static RenderedChart withValues(Map<String, ?> values) {
    return new RenderedChart(parse(template(values)));
  }

  /** Renders with a values file holding {@code yaml}, for values too nested for {@code --set}. */
  static RenderedChart withValuesYaml(String yaml) {
    try {
      Path valuesFile = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(valuesFile, yaml);
        return new RenderedChart(parse(command().withValuesFile(valuesFile).call()));
      } finally {
        Files.delete(valuesFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The raw manifest; throws {@link IllegalStateException} with Helm's error if rendering fails.
   */
  static String template(Map<String, ?> values) {
    TemplateCommand template = command();
    values.forEach(template::set);
    return template.call();
  }

  /** The raw manifest of another copy of the chart, with its own values.yaml. */
  static String templateOf(Path chart) {
    return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).call();
  }

  private static TemplateCommand command() {
    return new Helm(ChartPaths.chart()).template().withName(RELEASE).withNamespace(NAMESPACE);
  }

  /** Chart.yaml as a map, e.g. to read its appVersion. */
  static Map<String, Object> chartYaml() {
    try {
      return SERIALIZATION.unmarshal(
          Files.readString(ChartPaths.chart().resolve("Chart.yaml")),
          new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<HasMetadata> objects() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T single(Class<T> kind) {
    List<T> matching = all(kind);
    assertThat(matching).as("rendered %s objects", kind.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  Deployment deployment() {
    return single(Deployment.class);
  }

  Container operatorContainer() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("operator pod containers").hasSize(1);
    return containers.get(0);
  }

  /** The operator container's plain (not valueFrom) environment variables, by name. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : operatorContainer().getEnv()) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      }
    }
    return env;
  }

  private static List<HasMetadata> parse(String manifest) {
    Object parsed = SERIALIZATION.unmarshal(manifest);
    // A single document comes back as one object, several as a list.
    if (parsed instanceof List<?> list) {
      return list.stream().map(HasMetadata.class::cast).toList();
    }
    return List.of((HasMetadata) parsed);
  }
}
