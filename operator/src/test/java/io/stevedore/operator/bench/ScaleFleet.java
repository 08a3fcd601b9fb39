package io.stevedore.operator.bench;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The fleet `bench scale` applies: Environments with a WorkerPool each, and tenants spread evenly
 * over them; and a watch that records when each tenant first shows Ready=True.
 */
final class ScaleFleet {
  static final String TIER = "standard";

  final String namespace;
  final int tenants;
  final int environments;
  private final Map<String, Long> ready = new ConcurrentHashMap<>();
  private final CountDownLatch allReady;

  ScaleFleet(String namespace, int tenants, int environments) {
    this.namespace = namespace;
    this.tenants = tenants;
    this.environments = environments;
    this.allReady = new CountDownLatch(tenants);
  }

  static String environment(int e) {
    return String.format(Locale.ROOT, "env-%02d", e);
  }

  static String pool(int e) {
    return String.format(Locale.ROOT, "pool-%02d", e);
  }

  /**
   * The Environments (RabbitMQ with a management API, so tenants get broker users), their
   * credentials Secrets and one WorkerPool each; waits until every Environment is Ready.
   */
  void platform(KubernetesClient client) {
    for (int e = 0; e < environments; e++) {
      String name = environment(e);
      var environment = Fixtures.environment(namespace, name);
      var rabbit = environment.getSpec().getBroker().getRabbitmq();
      // Only the autoscaler reaches these: the tenants' services are simulated.
      rabbit.setUrl("amqp://127.0.0.1:5672");
      rabbit.setManagementUrl("http://127.0.0.1:15672");
      secret(client, name + "-rabbitmq", Map.of("username", "guest", "password", "guest"));
      secret(
          client,
          name + "-mysql",
          Map.of(
              "url", "jdbc:mysql://simulated:3306/stevedore_" + e,
              "username", "stevedore",
              "password", "stevedore"));
      client.resource(environment).create();
      client.resource(Fixtures.workerPool(namespace, pool(e), name, TIER)).create();
    }
    for (int e = 0; e < environments; e++) {
      EnvironmentReady.await(client, namespace, environment(e));
    }
  }

  private void secret(KubernetesClient client, String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  /** Watches the tenants, recording when each first shows Ready=True. */
  SharedIndexInformer<Tenant> watchReady(KubernetesClient client) {
    return client
        .resources(Tenant.class)
        .inNamespace(namespace)
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Tenant tenant) {
                record(tenant);
              }

              @Override
              public void onUpdate(Tenant old, Tenant tenant) {
                record(tenant);
              }

              @Override
              public void onDelete(Tenant tenant, boolean unknown) {}
            },
            0);
  }

  private void record(Tenant tenant) {
    if (tenant.getStatus() != null
        && Conditions.isTrue(tenant.getStatus().getConditions(), Conditions.READY)
        && ready.putIfAbsent(tenant.getMetadata().getName(), System.nanoTime()) == null) {
      allReady.countDown();
    }
  }

  /**
   * Creates the tenants from 8 threads, as fast as the API takes them; tenant i on env i % E. Fails
   * when they are not all created within {@code minutes}.
   */
  void apply(KubernetesClient client, long minutes) throws InterruptedException {
    var signups = Executors.newFixedThreadPool(8);
    for (int i = 0; i < tenants; i++) {
      int e = i % environments;
      String name = String.format(Locale.ROOT, "tenant-%05d", i);
      signups.execute(
          () ->
              client
                  .resource(Fixtures.tenant(namespace, name, environment(e), pool(e), TIER))
                  .create());
    }
    signups.shutdown();
    if (!signups.awaitTermination(minutes, TimeUnit.MINUTES)) {
      throw new IllegalStateException("tenants not all created within " + minutes + " minutes");
    }
  }

  /** Waits until every tenant was seen Ready; false on timeout. */
  boolean awaitAllReady(long minutes) throws InterruptedException {
    return allReady.await(minutes, TimeUnit.MINUTES);
  }

  int readyCount() {
    return ready.size();
  }

  /** When the last tenant first showed Ready (System.nanoTime). */
  long lastReadyNanos() {
    return ready.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }
}
