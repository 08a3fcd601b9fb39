package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;

/** The Service in front of the ingest pods (HTTP only: actuator stays off the Service). */
public class IngestServiceDependentResource extends OwnedDependentResource<Service, Environment> {
  static final int PORT = 80;

  public IngestServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(Environment environment, Context<Environment> context) {
    return desired(environment);
  }

  static Service desired(Environment environment) {
    String env = environment.getMetadata().getName();
    String name = PlatformNames.ingest(env);
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(Labels.of(IngestDeploymentDependentResource.ROLE, name, env))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(IngestDeploymentDependentResource.ROLE, name))
        .addNewPort()
        .withName("http")
        .withPort(PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  static String url(Environment environment) {
    var meta = environment.getMetadata();
    return "http://"
        + PlatformNames.ingest(meta.getName())
        + "."
        + meta.getNamespace()
        + ".svc:"
        + PORT;
  }
}
