package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.TenantServing;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.LocalIngest;
import io.stevedore.operator.testing.PlatformServices;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The directory generation handshake on the real runtime: an ingest process (the platform-runtime
 * jar, run by the local kubelet) that still serves a directory listing a deleted tenant keeps the
 * tenant's queue from being deleted, and once it serves the new generation the queue goes, while a
 * publisher racing all of it loses none of the batches that ingest answered 202.
 */
class IngestHandshakeIT {
  private static final String NS =
      "handshake-it-" + Long.toString(Math.floorMod(System.nanoTime(), 36L * 36 * 36 * 36), 36);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aQueueIsDeletedOnlyOnceEveryIngestPodServesADirectoryWithoutItsTenant() throws Exception {
    try (var services = new PlatformServices()) {
      try {
        offboardWhileIngestLags(services);
      } finally {
        // Once the operator has stopped (it would repair them): whatever a failure left behind.
        var queues = TenantQueues.of(NS, "acme");
        List<String> all = new java.util.ArrayList<>(queues.retries());
        all.add(queues.main());
        all.add(queues.deadLetter());
        for (String queue : all) {
          services.rabbit(channel -> channel.queueDelete(queue));
        }
      }
    }
  }

  private static void offboardWhileIngestLags(PlatformServices services) throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var kubelet = new LocalKubelet(kubernetes.client(), LocalIngest.kubeletSettings());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(),
                OperatorSettings.embedded("handshake-it"),
                kubelet::managementAddress)) {
      var client = kubernetes.client();
      kubernetes.createNamespace(NS);
      services.secrets(NS, "local").forEach(secret -> client.resource(secret).create());
      var environment = services.environment(NS, "local");
      environment.getSpec().getIngest().setReplicas(1);
      // No management API: no quorum delete fence either, only the handshake guards the delete.
      environment.getSpec().getBroker().getRabbitmq().setManagementUrl(null);
      client.resource(environment).create();
      // The pool only places the tenant: no worker runs here, this test consumes its queue.
      client.resource(Fixtures.workerPool(NS, "standard", "local", "standard")).create();
      var tenant = Fixtures.tenant(NS, "acme", "local", "standard", "standard");
      tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
      tenant.getSpec().getPlan().setIngestRatePerSecond(100_000);
      client.resource(tenant).create();
      var tenants = client.resources(Tenant.class).inNamespace(NS);
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(condition(tenants.withName("acme").get(), Conditions.READY))
                      .satisfies(ready -> assertThat(ready.getStatus()).isEqualTo("True")));
      String apiKey =
          LocalIngest.apiKey(client.secrets().inNamespace(NS).withName("tenant-acme").get());
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .until(() -> kubelet.httpPorts(NS, "local-ingest").size() == 1);
      int port = kubelet.httpPorts(NS, "local-ingest").get(0);
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .until(() -> LocalIngest.post(port, apiKey).statusCode() == 202);
      String pod =
          client
              .pods()
              .inNamespace(NS)
              .withLabels(Labels.selector("ingest", "local-ingest"))
              .list()
              .getItems()
              .get(0)
              .getMetadata()
              .getName();
      TenantQueues queues = TenantQueues.of(NS, "acme");

      // The kubelet is late with this pod's directory: it keeps serving the tenant.
      kubelet.holdVolumes(pod, true);
      Set<String> stored = ConcurrentHashMap.newKeySet();
      try (var channel = services.rabbitChannel();
          var publisher = new RacingPublisher(port, apiKey)) {
        String consumer = consume(channel, queues.main(), stored);
        tenants.withName("acme").delete();

        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  var draining = condition(tenants.withName("acme").get(), "Draining");
                  assertThat(draining.getReason()).isEqualTo("IngestNotConfirmed");
                  assertThat(draining.getMessage()).contains(pod + " (serves generation");
                });
        long required =
            tenants.withName("acme").get().getStatus().getIngestDirectoryGenerationWithoutTenant();
        // The pod still answers 202 for the tenant, and the queue stays, whatever the wait.
        int acceptedBefore = publisher.accepted.size();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> publisher.accepted.size() >= acceptedBefore + 50);
        assertThat(services.queueExists(queues.main())).isTrue();
        assertThat(condition(tenants.withName("acme").get(), "Draining").getReason())
            .isEqualTo("IngestNotConfirmed");
        assertThat(servedGeneration(kubelet, client, pod)).isLessThan(required);

        kubelet.holdVolumes(pod, false);

        // The pod reloads: the tenant's key is unknown now, and the operator sees it confirmed.
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.refused.get() > 0);
        assertThat(servedGeneration(kubelet, client, pod)).isGreaterThanOrEqualTo(required);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TenantServing.RELEASED.equals(
                        tenants.withName("acme").get().getStatus().getOffboarding()));
        channel.basicCancel(consumer);
        await().atMost(Duration.ofSeconds(60)).until(() -> tenants.withName("acme").get() == null);
        assertThat(services.queueExists(queues.main())).isFalse();
        publisher.stop();

        // Every batch answered 202 reached the consumer before its queue was deleted.
        assertThat(publisher.accepted).hasSizeGreaterThan(50);
        assertThat(stored).containsAll(publisher.accepted);
        assertThat(publisher.unexpected).isEmpty();
      }
    }
  }

  /** Consumes and acknowledges the queue as a worker would, recording each batch id. */
  private static String consume(
      com.rabbitmq.client.Channel channel, String queue, Set<String> stored) throws Exception {
    channel.basicQos(50);
    return channel.basicConsume(
        queue,
        false,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws java.io.IOException {
            stored.add(properties.getMessageId());
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        });
  }

  /** Posts one-event batches back to back, recording the batch id of every 202. */
  private static final class RacingPublisher implements AutoCloseable {
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    final Set<String> unexpected = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    RacingPublisher(int port, String apiKey) {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    var response = LocalIngest.post(port, apiKey);
                    switch (response.statusCode()) {
                      case 202 ->
                          accepted.add(
                              response.body().replaceAll(".*\"batchId\":\"([^\"]+)\".*", "$1"));
                      case 401 -> refused.incrementAndGet();
                      default -> unexpected.add(response.statusCode() + " " + response.body());
                    }
                  } catch (Exception e) {
                    if (running.get()) {
                      unexpected.add(e.toString());
                    }
                  }
                }
              },
              "racing-publisher");
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  private static long servedGeneration(
      LocalKubelet kubelet, io.fabric8.kubernetes.client.KubernetesClient client, String pod)
      throws Exception {
    URI base =
        kubelet.managementAddress(client.pods().inNamespace(NS).withName(pod).get()).orElseThrow();
    String body =
        HTTP.send(
                HttpRequest.newBuilder(base.resolve("/actuator/tenantdirectory")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return Long.parseLong(body.replaceAll(".*\"generation\":(\\d+).*", "$1"));
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(Tenant tenant, String type) {
    return Conditions.find(tenant.getStatus().getConditions(), type).orElseThrow();
  }
}
