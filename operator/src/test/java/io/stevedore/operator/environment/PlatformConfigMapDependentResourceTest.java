package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.platform.PlatformConfig;
import io.stevedore.operator.testing.Fixtures;
import org.junit.jupiter.api.Test;

class PlatformConfigMapDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void configMapIsTheOneTheRuntimePodsReadFrom() {
    var configMap = PlatformConfigMapDependentResource.desired(environment);
    var envFrom =
        IngestDeploymentDependentResource.desired(environment)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnvFrom();

    assertThat(configMap.getMetadata().getName()).isEqualTo("staging-platform");
    assertThat(configMap.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(envFrom)
        .extracting(e -> e.getConfigMapRef().getName())
        .containsExactly(configMap.getMetadata().getName());
  }

  @Test
  void dataIsThePlatformConfigOfTheEnvironment() {
    var data = PlatformConfigMapDependentResource.desired(environment).getData();

    assertThat(data).isEqualTo(PlatformConfig.data(environment));
    assertThat(data)
        .containsEntry("STEVEDORE_ENVIRONMENT", "staging")
        .containsEntry("STEVEDORE_BROKER_TYPE", "rabbitmq");
  }

  @Test
  void configMapIsLabelledWithItsEnvironment() {
    var labels = PlatformConfigMapDependentResource.desired(environment).getMetadata().getLabels();

    assertThat(labels)
        .containsEntry("stevedore.io/environment", "staging")
        .containsEntry("app.kubernetes.io/component", "config")
        .containsEntry("app.kubernetes.io/managed-by", "stevedore-operator");
  }
}
