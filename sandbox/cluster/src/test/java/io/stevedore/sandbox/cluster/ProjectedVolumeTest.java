package io.stevedore.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local kubelet lays out projected volumes as the kubelet does (the sharded tenant directory).
 */
class ProjectedVolumeTest {
  private static final String NS = "projected";
  private static EmbeddedKubernetes kubernetes;

  @BeforeAll
  static void start() {
    kubernetes = EmbeddedKubernetes.start(0, List.of());
    kubernetes.createNamespace(NS);
    kubernetes
        .client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("dir")
                .withNamespace(NS)
                .endMetadata()
                .withData(Map.of("manifest.json", "e30="))
                .build())
        .create();
    kubernetes
        .client()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("dir-0")
                .withNamespace(NS)
                .endMetadata()
                .withData(Map.of("tenants-0.json", "[]"))
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @Test
  void everySourcesKeysSideBySideAndAMissingOptionalSourceAddsNothing() {
    var files =
        ProjectedVolume.files(
            kubernetes.client(),
            NS,
            volume(secret("dir", null), configMap("dir-0", true), configMap("dir-1", true)));

    assertThat(files).containsOnlyKeys("manifest.json", "tenants-0.json");
    assertThat(new String(files.get("manifest.json"), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void aMissingRequiredSourceFailsTheVolume() {
    assertThatThrownBy(
            () -> ProjectedVolume.files(kubernetes.client(), NS, volume(secret("absent", null))))
        .hasMessageContaining("Secret absent not found");
  }

  @Test
  void filesWhoseSourceIsGoneAreRemovedOnTheNextWrite(@TempDir Path target) throws Exception {
    LocalPod.writeVolume(target, Map.of("a.json", new byte[] {1}, "b.json", new byte[] {2}));

    LocalPod.writeVolume(target, Map.of("a.json", new byte[] {3}));

    try (var listing = Files.list(target)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("a.json");
    }
    assertThat(Files.readAllBytes(target.resolve("a.json"))).containsExactly(3);
  }

  private static ProjectedVolumeSource volume(
      io.fabric8.kubernetes.api.model.VolumeProjection... sources) {
    return new ProjectedVolumeSource(null, List.of(sources));
  }

  private static io.fabric8.kubernetes.api.model.VolumeProjection secret(
      String name, Boolean optional) {
    return new VolumeProjectionBuilder()
        .withNewSecret()
        .withName(name)
        .withOptional(optional)
        .endSecret()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.VolumeProjection configMap(
      String name, Boolean optional) {
    return new VolumeProjectionBuilder()
        .withNewConfigMap()
        .withName(name)
        .withOptional(optional)
        .endConfigMap()
        .build();
  }
}
