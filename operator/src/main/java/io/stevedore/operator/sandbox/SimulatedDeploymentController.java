package io.stevedore.operator.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;

/**
 * Stands in for kube-controller-manager and the kubelets, which the embedded API lacks: every
 * Deployment reports its desired replicas as updated, ready and available, as a healthy cluster
 * would once pods start.
 */
public final class SimulatedDeploymentController implements AutoCloseable {
  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> informer;

  public SimulatedDeploymentController(KubernetesClient client) {
    this.client = client;
    this.informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment deployment) {
                    rollOut(deployment);
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment after) {
                    rollOut(after);
                  }

                  @Override
                  public void onDelete(Deployment deployment, boolean unknownFinalState) {}
                });
  }

  private void rollOut(Deployment deployment) {
    int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    DeploymentStatusWriter.write(client, deployment, replicas, replicas);
  }

  @Override
  public void close() {
    informer.close();
  }
}
