package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.platform.PlatformNames;
import java.util.List;
import java.util.Map;

/** The Deployment of the Environment's HTTP ingest pods. */
public class IngestDeploymentDependentResource
    extends OwnedDependentResource<Deployment, Environment> {
  static final String ROLE = "ingest";

  /** Ingest requests are short: 30 s covers the in-flight ones and the endpoint removal delay. */
  private static final long TERMINATION_GRACE_SECONDS = 30;

  public IngestDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(Environment environment, Context<Environment> context) {
    return desired(environment);
  }

  static Deployment desired(Environment environment) {
    var ingest = environment.getSpec().getIngest();
    String name = environment.getMetadata().getName();
    int replicas = ingest == null ? 2 : ingest.getReplicas();
    return PlatformDeployment.build(
        environment,
        new PlatformDeployment.Role(
            ROLE,
            PlatformNames.ingest(name),
            replicas,
            ingest == null ? null : ingest.getResources(),
            TERMINATION_GRACE_SECONDS,
            Map.of(),
            // The pods share each tenant's plan; a pod cut off from the others enforces 1/replicas.
            List.of(
                new EnvVarBuilder()
                    .withName("STEVEDORE_INGEST_REPLICAS")
                    .withValue(String.valueOf(Math.max(1, replicas)))
                    .build()),
            PlatformDeployment.tenantDirectoryFromSecrets(
                PlatformNames.ingestTenantDirectory(name))));
  }
}
