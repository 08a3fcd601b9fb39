package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graceful drain on shutdown: the batch in progress completes and is acked, the deliveries not yet
 * started go back to the queue, and nothing stays unacked.
 */
class WorkerDrainIT {
  private static final int BATCHES = 4;
  private static final int EVENTS_PER_BATCH = 3_000;

  @Test
  void closingFinishesTheBatchInProgressAndReturnsTheOthersToTheQueue() {
    try (var platform = WorkerTestPlatform.start()) {
      TestTenant tenant = platform.addTenant("draining");
      String queue = tenant.entry().queue();
      List<byte[]> batches =
          TestBatches.encodedBatches(
              tenant.entry(),
              TestBatches.locations(0, BATCHES * EVENTS_PER_BATCH),
              EVENTS_PER_BATCH);
      platform.broker.publish(queue, batches, Map.of());
      var worker = platform.startWorker(Map.of("STEVEDORE_WORKER_CONCURRENCY", "1"));
      await().until(() -> worker.getBean(QueueWorker.class).inFlight() > 0);

      var closing = CompletableFuture.runAsync(worker::close);
      await().ignoreExceptions().until(() -> inFlight(worker).at("/draining").asBoolean());
      closing.join();

      int logged = platform.processingLog(tenant).size();
      assertThat(logged).as("batches completed").isBetween(1, BATCHES - 1);
      assertThat(platform.itemCount(tenant)).isEqualTo(logged * EVENTS_PER_BATCH);
      assertThat(platform.broker.ready(queue)).as("returned unstarted").isEqualTo(BATCHES - logged);
      assertThat(platform.broker.consumers(queue)).isZero();
    }
  }

  private static JsonNode inFlight(ConfigurableApplicationContext worker) throws Exception {
    String port = worker.getEnvironment().getRequiredProperty("local.management.port");
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/inflight"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonMapper.shared().readTree(response.body());
  }
}
