package io.stevedore.runtime.ingest;

import static io.stevedore.runtime.ingest.IngestClient.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.ingest.ratelimit.RabbitDemandChannel;
import io.stevedore.runtime.ingest.ratelimit.SharedRateBudget;
import io.stevedore.runtime.testing.RabbitTestBroker;
import io.stevedore.runtime.testing.RabbitVhost;
import io.stevedore.runtime.testing.TestDatabase;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three ingest instances (real Spring contexts, real HTTP) on a RabbitMQ vhost of the test's own,
 * told there are 3 replicas, as the operator tells them: one client on one keep-alive connection to
 * one instance gets its tenant's plan, not a third of it; the same client spread over all three
 * gets the plan in total, not more; with the shared channel broken (its exchange replaced by one
 * that routes nowhere and that the pods cannot re-declare), each instance holds 1/3, and the pods
 * share again once the channel is back.
 *
 * <p>Each client offers 1,600 events/s (a batch of 40 every 25 ms; still over the plan if a loaded
 * machine makes each request take 100 ms) against a plan of 300/s, so the limiter, not the client,
 * decides the rate. Rates are counted over a 5 s window that starts after 2 s, once the shares
 * settled (demand is averaged over 1 s and reported every 250 ms). Tolerances: one connection is
 * allowed the plan less the floors of the two idle pods (5%/3 of the plan each, so 290/s); the
 * count can be off by a batch per pod at each end of the window, and a loaded machine may delay
 * sends, never add them: so 85% of the plan below (1/N would be 33%), 5% above plus one batch per
 * pod.
 */
class SharedRateLimitIT {
  private static final Logger log = LoggerFactory.getLogger(SharedRateLimitIT.class);
  private static final int PLAN = 300;
  private static final int BATCH = 40;
  private static final Duration SEND_EVERY = Duration.ofMillis(25);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration WINDOW = Duration.ofSeconds(5);

  @TempDir static Path tenantsDirectory;
  static RabbitVhost vhost;
  static TestDatabase database;
  static TestTenants tenants;
  static TestTenant single;
  static TestTenant spread;
  static List<ConfigurableApplicationContext> pods = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vhost = RabbitVhost.create("ratelimit");
    database = TestDatabase.create();
    tenants = new TestTenants(tenantsDirectory);
    single = tenants.add("single", PLAN);
    spread = tenants.add("spread", PLAN);
    try (var connection = rabbit().newConnection("shared-rate-limit-it");
        var channel = connection.createChannel()) {
      RabbitQueues.declare(channel, single);
      RabbitQueues.declare(channel, spread);
    }
    Map<String, String> variables =
        new HashMap<>(RunningRuntime.platform(database, tenants.file()));
    variables.put("STEVEDORE_ROLE", "ingest");
    variables.put("STEVEDORE_BROKER_RABBITMQ_VHOST", vhost.name());
    variables.put("STEVEDORE_INGEST_REPLICAS", "3");
    for (int i = 0; i < 3; i++) {
      pods.add(RunningRuntime.run(variables));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pods.stream().allMatch(pod -> budget(pod).livePods() == 3));
  }

  @AfterAll
  static void stop() {
    pods.forEach(ConfigurableApplicationContext::close);
    if (vhost != null) {
      vhost.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theSharedBudgetGrantsThePlanOnOneConnectionAndNeverMoreWhenSpread() throws Exception {
    try (var oneConnection = new PacedClient(single, List.of(pods.get(0)));
        var spreadOverAll = new PacedClient(spread, pods)) {
      double singleRate = oneConnection.acceptedPerSecond();
      double spreadRate = spreadOverAll.acceptedPerSecond();
      log.info(
          "Plan {}/s: one connection {}/s, spread over 3 pods {}/s", PLAN, singleRate, spreadRate);

      assertThat(singleRate)
          .as("one connection to one pod")
          .isBetween(0.85 * PLAN, 1.05 * PLAN + perSecond(BATCH));
      assertThat(spreadRate)
          .as("the same offer spread over 3 pods, in total")
          .isBetween(0.85 * PLAN, 1.05 * PLAN + perSecond(3 * BATCH));
      assertThat(oneConnection.requestsPerPod()).containsOnlyKeys(0);
      assertThat(spreadOverAll.requestsPerPod()).containsOnlyKeys(0, 1, 2);
    }
  }

  @Test
  void withTheSharedChannelDownEachPodHoldsOneThird() throws Exception {
    String exchange = RabbitDemandChannel.exchangeOf("test");
    try (var connection = rabbit().newConnection("shared-rate-limit-it");
        var channel = connection.createChannel()) {
      // A direct exchange in its place: reports route nowhere, and the pods cannot declare theirs.
      channel.exchangeDelete(exchange);
      channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false);
      try {
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> pods.stream().noneMatch(pod -> budget(pod).shared()));

        try (var oneConnection = new PacedClient(single, List.of(pods.get(0)))) {
          double rate = oneConnection.acceptedPerSecond();
          log.info("Plan {}/s, shared channel down: one connection {}/s", PLAN, rate);
          assertThat(rate)
              .as("one connection to one pod, each pod on its own")
              .isBetween(0.85 * PLAN / 3, 1.05 * PLAN / 3 + perSecond(BATCH));
        }
      } finally {
        channel.exchangeDelete(exchange);
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pods.stream().allMatch(pod -> budget(pod).livePods() == 3));
  }

  private static ConnectionFactory rabbit() {
    var factory = RabbitTestBroker.connectionFactory();
    factory.setVirtualHost(vhost.name());
    return factory;
  }

  private static double perSecond(int events) {
    return events / (WINDOW.toMillis() / 1000.0);
  }

  private static SharedRateBudget budget(ConfigurableApplicationContext pod) {
    return pod.getBean(SharedRateBudget.class);
  }

  /**
   * A device agent that sends a batch every 25 ms whatever the answers, round-robin over the given
   * pods, each over one keep-alive HTTP/1.1 connection (sends to one pod never overlap).
   */
  private static final class PacedClient implements AutoCloseable {
    private record Sent(int pod, long startedAt, int status) {}

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final long startedAt = System.nanoTime();

    PacedClient(TestTenant tenant, List<ConfigurableApplicationContext> targets) {
      List<HttpClient> connections = new ArrayList<>();
      List<URI> uris = new ArrayList<>();
      for (var target : targets) {
        connections.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        uris.add(
            URI.create(
                "http://127.0.0.1:"
                    + target.getEnvironment().getRequiredProperty("local.server.port")
                    + "/v1/events"));
      }
      String body = IngestClient.body(events("d1", BATCH));
      int[] next = {0};
      scheduler.scheduleAtFixedRate(
          () -> {
            int pod = next[0]++ % targets.size();
            long start = System.nanoTime();
            var request =
                HttpRequest.newBuilder(uris.get(pod))
                    .header("Authorization", "Bearer " + tenant.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
              var response =
                  connections.get(pod).send(request, HttpResponse.BodyHandlers.discarding());
              sent.add(new Sent(pod, start, response.statusCode()));
            } catch (Exception e) {
              sent.add(new Sent(pod, start, -1));
            }
          },
          0,
          SEND_EVERY.toNanos(),
          TimeUnit.NANOSECONDS);
    }

    /** Events accepted per second over the window after the settling time. */
    double acceptedPerSecond() {
      long from = startedAt + SETTLE.toNanos();
      long to = from + WINDOW.toNanos();
      await()
          .atMost(SETTLE.plus(WINDOW).plusSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> sent.stream().anyMatch(s -> s.startedAt() >= to));
      long accepted =
          sent.stream()
              .filter(s -> s.startedAt() >= from && s.startedAt() < to && s.status() == 202)
              .count();
      assertThat(sent).noneMatch(s -> s.status() != 202 && s.status() != 429);
      return accepted * BATCH / (WINDOW.toNanos() / 1e9);
    }

    Map<Integer, Long> requestsPerPod() {
      Map<Integer, Long> counts = new HashMap<>();
      sent.forEach(s -> counts.merge(s.pod(), 1L, Long::sum));
      return counts;
    }

    @Override
    public void close() throws InterruptedException {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
