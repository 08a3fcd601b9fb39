package io.stevedore.sandbox.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.sandbox.SandboxKubeconfig;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What the operator scenarios run on: the operator as a process of its own (to be SIGKILLed)
 * against the embedded API through a kubeconfig, the private services its tenants are provisioned
 * on, and simulated Deployments (these scenarios are about the operator, not the platform's pods).
 */
final class OperatorPlatform implements AutoCloseable {
  private final CloseStack started = new CloseStack();
  private final PrivateServices services;
  private final LocalDynamoDb dynamo;
  private final EmbeddedKubernetes kubernetes;
  private final OperatorProcess operator;

  OperatorPlatform(Path directory, PrintStream log) throws Exception {
    var rabbit = add(PrivateServices.rabbit(directory, log));
    var mariadb = add(PrivateServices.mariadb(directory, log));
    dynamo = add(LocalDynamoDb.start());
    services = new PrivateServices(rabbit, mariadb, dynamo.endpoint());
    kubernetes = add(EmbeddedKubernetes.start(0, ShippedManifests.crds()));
    add(new SimulatedDeploymentController(kubernetes.client()));
    // The mock server's own port: the front serves kubectl's plain HTTP watches, not WebSockets.
    String api = kubernetes.client().getMasterUrl().toString();
    var kubeconfig = add(SandboxKubeconfig.write(directory.resolve("kubeconfig"), api, "default"));
    // Its logs outlive the run's temporary files: they are what explains a failed scenario.
    Path logs =
        Path.of("target", "chaos-operator-logs", String.valueOf(ProcessHandle.current().pid()));
    log.printf("  operator logs in %s%n", logs.toAbsolutePath());
    operator = add(new OperatorProcess(logs, kubeconfig.file()));
    operator.start();
  }

  PrivateServices services() {
    return services;
  }

  KubernetesClient client() {
    return kubernetes.client();
  }

  void createNamespace(String namespace) {
    kubernetes.createNamespace(namespace);
  }

  LocalDynamoDb dynamo() {
    return dynamo;
  }

  OperatorProcess operator() {
    return operator;
  }

  private <T extends AutoCloseable> T add(T closeable) {
    return started.add(closeable);
  }

  @Override
  public void close() throws Exception {
    started.close();
  }
}
