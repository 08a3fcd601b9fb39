package io.stevedore.sandbox.chaos;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.aws.LocalAws;
import java.nio.file.Path;
import java.util.Map;

/**
 * The services a chaos scenario owns: a private RabbitMQ node and MariaDB, and a DynamoDB endpoint;
 * and Environments (with their Secrets) that point at them.
 */
record PrivateServices(PrivateRabbit rabbit, PrivateMariaDb mariadb, String dynamoEndpoint) {

  static PrivateRabbit rabbit(Path directory, java.io.PrintStream log) throws Exception {
    long start = System.nanoTime();
    var rabbit = PrivateRabbit.start(directory.resolve("rabbitmq"));
    log.printf("  private RabbitMQ node up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    return rabbit;
  }

  static PrivateMariaDb mariadb(Path directory, java.io.PrintStream log) throws Exception {
    long start = System.nanoTime();
    var mariadb = PrivateMariaDb.start(directory.resolve("mariadb"));
    log.printf("  private MariaDB up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    return mariadb;
  }

  /**
   * Creates Environment {@code name} in {@code namespace} on these services, with its Secrets
   * (`<name>-mysql`, and `local-rabbitmq` for guest/guest); returns it as created.
   */
  Environment createEnvironment(KubernetesClient client, String namespace, String name) {
    if (client.secrets().inNamespace(namespace).withName("local-rabbitmq").get() == null) {
      client.resource(Fixtures.localRabbitCredentials(namespace)).create();
    }
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name + "-mysql")
                .endMetadata()
                .withStringData(
                    Map.of(
                        "url", mariadb.jdbcUrl(),
                        "username", PrivateMariaDb.USER,
                        "password", PrivateMariaDb.PASSWORD))
                .build())
        .create();
    return client.resource(environment(namespace, name)).create();
  }

  /** Environment {@code name} on these services, not yet created. */
  Environment environment(String namespace, String name) {
    var environment = Fixtures.localRabbitEnvironment(namespace, name, rabbit.amqpPort());
    environment
        .getSpec()
        .getBroker()
        .getRabbitmq()
        .setManagementUrl(rabbit.management().toString());
    environment.getSpec().getStorage().getDynamodb().setEndpoint(dynamoEndpoint);
    environment.getSpec().getStorage().getDynamodb().setRegion(LocalAws.REGION.id());
    environment.getSpec().getIngest().setReplicas(1);
    return environment;
  }
}
