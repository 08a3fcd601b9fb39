package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.platform.ShardedTenantDirectory;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantDirectoryConfigMapsDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");
  private final WorkerPool pool = Fixtures.workerPool("team-a", "standard", "staging", "standard");
  private final TenantDirectoryConfigMapsDependentResource dependent =
      new TenantDirectoryConfigMapsDependentResource();

  @Test
  void configMapsAreNamedAfterThePoolInItsNamespace() {
    var configMaps = desired();

    assertThat(configMaps.keySet())
        .extracting(ResourceID::getName)
        .containsExactly("standard-tenants", "standard-tenants-0");
    for (ConfigMap configMap : configMaps.values()) {
      assertThat(configMap.getMetadata().getNamespace()).isEqualTo("team-a");
      assertThat(configMap.getMetadata().getLabels())
          .containsEntry("stevedore.io/worker-pool", "standard")
          .containsEntry("stevedore.io/environment", "staging");
    }
  }

  @Test
  void directoryListsTheServedTenantsWithTheirTablesAndNoKeyDigests() {
    var configMaps = desired();

    var directory =
        ShardedTenantDirectory.read(
                "standard-tenants",
                name -> {
                  var configMap = configMaps.get(new ResourceID(name, "team-a"));
                  return configMap == null ? null : dependent.files(configMap);
                })
            .orElseThrow();
    assertThat(directory.environment()).isEqualTo("staging");
    assertThat(directory.tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("acme"))
        .satisfies(e -> assertThat(e.table()).isEqualTo("staging-team-a.acme"))
        .satisfies(e -> assertThat(e.apiKeySha256()).isEmpty());
  }

  private Map<ResourceID, ConfigMap> desired() {
    var acme =
        Fixtures.provisioned(Fixtures.tenant("team-a", "acme", "staging", "standard", "standard"));
    return dependent.desired(
        pool, TenantDirectories.forWorkers(environment, List.of(acme)), Optional.empty(), 1 << 20);
  }
}
