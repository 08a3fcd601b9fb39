package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.LocalIngest;
import io.stevedore.operator.testing.PlatformServices;
import io.stevedore.operator.testing.WrittenDirectories;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * More tenants than one Secret may hold (objects forced down to 4 KiB): the operator spreads
 * ingest's directory over shard Secrets, the kubelet projects them into one volume, and a real
 * ingest pod accepts every tenant's key; a tenant deleted later is refused while the others stay
 * served.
 */
class ShardedDirectoryIT {
  private static final String NS =
      "sharded-it-" + Long.toString(Math.floorMod(System.nanoTime(), 36L * 36 * 36 * 36), 36);
  private static final int TENANTS = 30;
  private static final int MAX_OBJECT_BYTES = 4096;

  @Test
  void everyTenantOfADirectoryLargerThanOneObjectIsServedByIngest() throws Exception {
    try (var services = new PlatformServices()) {
      try {
        serveManyTenants(services);
      } finally {
        services.deleteBrokerObjects(List.of(NS));
      }
    }
  }

  private static void serveManyTenants(PlatformServices services) throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var kubelet = new LocalKubelet(kubernetes.client(), LocalIngest.kubeletSettings());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(),
                OperatorSettings.embedded("sharded-it")
                    .withTenantDirectoryMaxObjectBytes(MAX_OBJECT_BYTES),
                kubelet::managementAddress)) {
      var client = kubernetes.client();
      kubernetes.createNamespace(NS);
      services.secrets(NS, "local").forEach(secret -> client.resource(secret).create());
      var environment = services.environment(NS, "local");
      environment.getSpec().getIngest().setReplicas(1);
      client.resource(environment).create();
      client.resource(Fixtures.workerPool(NS, "standard", "local", "standard")).create();
      List<String> names = IntStream.range(0, TENANTS).mapToObj(i -> "tenant-" + i).toList();
      for (String name : names) {
        client.resource(Fixtures.tenant(NS, name, "local", "standard", "standard")).create();
      }

      var tenants = client.resources(Tenant.class).inNamespace(NS);
      await()
          .atMost(Duration.ofSeconds(180))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(WrittenDirectories.ingest(client, NS, "local").tenants())
                      .hasSize(TENANTS));
      var shards =
          client.secrets().inNamespace(NS).list().getItems().stream()
              .filter(s -> s.getMetadata().getName().startsWith("local-tenants-"))
              .toList();
      assertThat(shards).hasSizeGreaterThan(1);
      assertThat(shards)
          .allSatisfy(
              s ->
                  assertThat(s.getData().values().iterator().next().length())
                      .isLessThanOrEqualTo(MAX_OBJECT_BYTES * 4 / 3 + 4));

      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .until(() -> kubelet.httpPorts(NS, "local-ingest").size() == 1);
      int port = kubelet.httpPorts(NS, "local-ingest").get(0);
      for (String name : names) {
        String key =
            LocalIngest.apiKey(client.secrets().inNamespace(NS).withName("tenant-" + name).get());
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> LocalIngest.post(port, key).statusCode() == 202);
      }

      // A change to one tenant reaches the pod: its key is refused, a neighbour's still accepted.
      String gone =
          LocalIngest.apiKey(client.secrets().inNamespace(NS).withName("tenant-tenant-7").get());
      String stays =
          LocalIngest.apiKey(client.secrets().inNamespace(NS).withName("tenant-tenant-8").get());
      tenants.withName("tenant-7").delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> LocalIngest.post(port, gone).statusCode() == 401);
      assertThat(LocalIngest.post(port, stays).statusCode()).isEqualTo(202);
    }
  }
}
