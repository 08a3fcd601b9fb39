package io.stevedore.runtime.worker.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import io.stevedore.runtime.worker.QueueWorker;
import io.stevedore.sandbox.faults.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A store that goes away mid-stream (its port refuses, as a stopped process) pauses the worker
 * instead of dead-lettering: messages wait in their queue while the breaker is open, and once the
 * store is back on the same port every event is stored exactly once, nothing dead-lettered.
 */
class StoreOutageIT {
  private static final int BATCH_SIZE = 20;
  private static final int BEFORE = 10;
  private static final int DURING = 40;

  /** Short timeouts and waits, so an outage is noticed and its end found within seconds. */
  private static final Map<String, String> FAST =
      Map.of(
          "STEVEDORE_TIMEOUTS_CONNECT", "PT0.5S",
          "STEVEDORE_TIMEOUTS_AWSATTEMPT", "PT1S",
          "STEVEDORE_TIMEOUTS_AWSCALL", "PT2S",
          "STEVEDORE_TIMEOUTS_JDBCCONNECTION", "PT1S",
          "STEVEDORE_TIMEOUTS_JDBCSOCKET", "PT2S",
          "STEVEDORE_WORKER_CIRCUITBREAKER_WAITINOPENSTATE", "PT1S");

  @Test
  void aDynamoDbOutagePausesConsumptionAndDeadLettersNothing() {
    try (var platform = WorkerTestPlatform.start();
        var proxy = TcpProxy.toUrl(platform.dynamo.endpoint())) {
      var worker =
          startWorker(
              platform,
              "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT",
              proxy.through(platform.dynamo.endpoint()));
      streamThroughOutage(platform, worker, proxy, Dependency.DYNAMODB);
    }
  }

  @Test
  void aMySqlOutagePausesConsumptionAndDeadLettersNothing() {
    try (var platform = WorkerTestPlatform.start();
        var proxy = TcpProxy.toUrl(platform.database.jdbcUrl())) {
      var worker =
          startWorker(
              platform, "STEVEDORE_STORAGE_MYSQL_URL", proxy.through(platform.database.jdbcUrl()));
      streamThroughOutage(platform, worker, proxy, Dependency.MYSQL);
    }
  }

  private static ConfigurableApplicationContext startWorker(
      WorkerTestPlatform platform, String storeVariable, String storeThroughProxy) {
    Map<String, String> environment = new HashMap<>(FAST);
    environment.put(storeVariable, storeThroughProxy);
    return platform.startWorker(environment);
  }

  private static void streamThroughOutage(
      WorkerTestPlatform platform,
      ConfigurableApplicationContext worker,
      TcpProxy store,
      Dependency dependency) {
    TestTenant tenant = platform.addTenant("fleet");
    String queue = tenant.entry().queue();
    var events = TestBatches.locations(0, (BEFORE + DURING) * BATCH_SIZE);
    var batches = TestBatches.encodedBatches(tenant.entry(), events, BATCH_SIZE);
    platform.broker.publish(queue, batches.subList(0, BEFORE), Map.of());
    await().until(() -> platform.processingLog(tenant).size() == BEFORE);

    store.refuse();
    platform.broker.publish(queue, batches.subList(BEFORE, batches.size()), Map.of());

    var breakers = worker.getBean(DependencyBreakers.class);
    var queueWorker = worker.getBean(QueueWorker.class);
    await().until(() -> queueWorker.paused() && queueWorker.inFlight() == 0);
    assertThat(breakers.states().get(dependency.tag())).isIn("open", "half_open");
    assertThat(prometheus(worker))
        .containsPattern(
            "stevedore_worker_circuit_state\\{dependency=\"" + dependency.tag() + "\"\\} [12]\\.0")
        .contains("stevedore_worker_circuit_transitions_total{dependency=\"" + dependency.tag());
    await("messages wait in their queue, none dead-lettered, while the store is away")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                platform.broker.ready(queue) == DURING
                    && platform.broker.consumers(queue) == 0
                    && nothingDeadLetteredOrRetried(platform, tenant));

    store.forward();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> platform.processingLog(tenant).size() == batches.size());
    await().until(() -> !queueWorker.paused() && breakers.available());
    var storedIds =
        platform.items(tenant).stream().map(item -> item.get(RecordTable.EVENT_ID).s()).toList();
    assertThat(storedIds)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.eventId()).toList());
    assertThat(nothingDeadLetteredOrRetried(platform, tenant)).isTrue();
    assertThat(platform.broker.ready(queue)).isZero();
  }

  private static boolean nothingDeadLetteredOrRetried(
      WorkerTestPlatform platform, TestTenant tenant) {
    List<String> queues =
        Stream.concat(Stream.of(tenant.queues().deadLetter()), tenant.queues().retries().stream())
            .toList();
    return queues.stream().allMatch(queue -> platform.broker.ready(queue) == 0);
  }

  private static String prometheus(ConfigurableApplicationContext worker) {
    String port = worker.getEnvironment().getRequiredProperty("local.management.port");
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
