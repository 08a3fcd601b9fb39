package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDirectoryConfigMapDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");
  private final WorkerPool pool = Fixtures.workerPool("team-a", "standard", "staging", "standard");

  @Test
  void configMapIsNamedAfterThePoolInItsNamespace() {
    var metadata = desired().getMetadata();

    assertThat(metadata.getName()).isEqualTo("standard-tenants");
    assertThat(metadata.getNamespace()).isEqualTo("team-a");
    assertThat(metadata.getLabels())
        .containsEntry("stevedore.io/worker-pool", "standard")
        .containsEntry("stevedore.io/environment", "staging");
  }

  @Test
  void directoryListsTheServedTenantsWithTheirTablesAndNoKeyDigests() {
    ConfigMap configMap = desired();

    assertThat(configMap.getData()).containsOnlyKeys(TenantDirectory.FILE_NAME);
    var directory =
        Serialization.unmarshal(
            configMap.getData().get(TenantDirectory.FILE_NAME), TenantDirectory.class);
    assertThat(directory.environment()).isEqualTo("staging");
    assertThat(directory.tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("acme"))
        .satisfies(e -> assertThat(e.table()).isEqualTo("staging-team-a.acme"))
        .satisfies(e -> assertThat(e.apiKeySha256()).isEmpty());
  }

  private ConfigMap desired() {
    var acme =
        Fixtures.provisioned(Fixtures.tenant("team-a", "acme", "staging", "standard", "standard"));
    return TenantDirectoryConfigMapDependentResource.desired(pool, environment, List.of(acme));
  }
}
