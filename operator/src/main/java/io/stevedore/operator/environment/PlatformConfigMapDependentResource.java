package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformConfig;
import io.stevedore.operator.platform.PlatformNames;

/** The ConfigMap of platform settings that every runtime pod of the Environment reads. */
public class PlatformConfigMapDependentResource
    extends OwnedDependentResource<ConfigMap, Environment> {

  public PlatformConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(Environment environment, Context<Environment> context) {
    return desired(environment);
  }

  static ConfigMap desired(Environment environment) {
    String name = environment.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(PlatformNames.platformConfigMap(name))
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(Labels.of("config", name, name))
        .endMetadata()
        .withData(PlatformConfig.data(environment))
        .build();
  }
}
