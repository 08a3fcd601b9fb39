package io.stevedore.sandbox.chaos;

import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The scenarios that stream events through the platform and take something away mid-stream: each
 * counts what ingest answered 202 against what the tenant's table holds.
 */
final class DataScenarios {
  private static final int BATCH = 100;
  private static final int SENDERS = 4;

  private final ChaosPlatform platform;
  private final ChaosSettings settings;
  private final PrintStream log;
  private final Random random;

  DataScenarios(ChaosPlatform platform, ChaosSettings settings, PrintStream log, long seed) {
    this.platform = platform;
    this.settings = settings;
    this.log = log;
    this.random = new Random(seed);
  }

  /** Worker processes SIGKILLed while they work through a stream. */
  ScenarioResult workerKills() throws Exception {
    var start = Snapshot.take(platform);
    try (var stream = stream("kills", settings.killStreamEvents())) {
      for (int kill = 1; kill <= settings.workerKills(); kill++) {
        var victims =
            Waits.until(
                Duration.ofSeconds(180),
                Duration.ofMillis(200),
                platform::readyWorkerProcesses,
                list -> !list.isEmpty());
        // A random moment of the worker's work, so that deliveries are in flight when it dies.
        pause(Duration.ofMillis(300 + random.nextInt(1_700)));
        var victim = victims.get(random.nextInt(victims.size()));
        if (victim.isAlive()) {
          platform.kill(victim);
          log.printf(
              "  kill %d/%d: worker PID %d, %d of %d events accepted%n",
              kill, settings.workerKills(), victim.pid(), stream.acceptedCount(), stream.total());
        }
      }
      return finish("worker SIGKILL x" + settings.workerKills(), stream, start, List.of(), "");
    }
  }

  /** RabbitMQ stopped mid-stream: ingest answers 503, the autoscaler keeps the workers. */
  ScenarioResult rabbitOutage() throws Exception {
    var start = Snapshot.take(platform);
    try (var stream = stream("rabbit", outlasting(settings.rabbitOutage()))) {
      awaitAccepted(stream, stream.total() / 3);
      int replicasBefore = platform.workerReplicas();
      long unavailableBefore = stream.unavailable();
      platform.rabbit().stop();
      // Counted once the node is gone: a node shutting down confirms until it closes its port.
      int acceptedAtStop = stream.acceptedCount();
      log.printf("  RabbitMQ stopped (%d events accepted)%n", acceptedAtStop);
      int fewestReplicas = replicasBefore;
      Instant end = Instant.now().plus(settings.rabbitOutage());
      while (Instant.now().isBefore(end)) {
        fewestReplicas = Math.min(fewestReplicas, platform.workerReplicas());
        pause(Duration.ofMillis(500));
      }
      int acceptedWhileDown = stream.acceptedCount() - acceptedAtStop;
      long refused = stream.unavailable() - unavailableBefore;
      platform.rabbit().start();
      log.printf("  RabbitMQ started again: %d answered 503 meanwhile%n", refused);
      List<String> problems = new ArrayList<>();
      if (fewestReplicas < replicasBefore) {
        problems.add(
            "workers scaled from %d to %d while RabbitMQ was down"
                .formatted(replicasBefore, fewestReplicas));
      }
      if (refused == 0) {
        problems.add("ingest answered no 503 while RabbitMQ was down");
      }
      return finish(
          "RabbitMQ stopped " + settings.rabbitOutage().toSeconds() + " s",
          stream,
          start,
          problems,
          "answered_503=%d accepted_while_down=%d workers=%d..%d"
              .formatted(refused, acceptedWhileDown, replicasBefore, fewestReplicas));
    }
  }

  /** DynamoDB unavailable mid-stream: workers pause, nothing is dead-lettered. */
  ScenarioResult dynamoOutage() throws Exception {
    var start = Snapshot.take(platform);
    try (var stream = stream("dynamo", outlasting(settings.dynamoOutage()))) {
      awaitAccepted(stream, stream.total() / 3);
      platform.dynamoProxy().refuse();
      log.printf("  DynamoDB unavailable (%d events accepted)%n", stream.acceptedCount());
      pause(settings.dynamoOutage());
      platform.dynamoProxy().forward();
      log.printf("  DynamoDB back%n");
      return finish(
          "DynamoDB away " + settings.dynamoOutage().toSeconds() + " s",
          stream,
          start,
          List.of(),
          "");
    }
  }

  /** MariaDB stopped mid-stream: workers pause, nothing is dead-lettered. */
  ScenarioResult mariadbOutage() throws Exception {
    var start = Snapshot.take(platform);
    try (var stream = stream("mariadb", outlasting(settings.mariadbOutage()))) {
      awaitAccepted(stream, stream.total() / 3);
      platform.mariadb().stop();
      log.printf("  MariaDB stopped (%d events accepted)%n", stream.acceptedCount());
      pause(settings.mariadbOutage());
      platform.mariadb().start();
      log.printf("  MariaDB started again%n");
      return finish(
          "MariaDB stopped " + settings.mariadbOutage().toSeconds() + " s",
          stream,
          start,
          List.of(),
          "");
    }
  }

  /** Enough events that the stream still runs when an outage of {@code outage} ends. */
  private int outlasting(Duration outage) {
    long during = settings.eventsPerSecond() * (outage.toSeconds() + 6);
    return (int) Math.max(settings.outageStreamEvents(), during);
  }

  private EventStream stream(String prefix, int events) {
    return new EventStream(
        platform.ingestPort(),
        platform.apiKey(),
        prefix,
        events,
        BATCH,
        SENDERS,
        settings.eventsPerSecond());
  }

  private void awaitAccepted(EventStream stream, int events) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> stream.acceptedCount() >= events);
  }

  /**
   * Lets the stream finish and the workers store what was accepted (up to the settle time), then
   * counts.
   */
  private ScenarioResult finish(
      String name, EventStream stream, Snapshot start, List<String> problems, String details)
      throws Exception {
    List<String> found = new ArrayList<>(problems);
    // The stream's own length at its rate, and the settle time for what an outage held up.
    Duration streaming =
        Duration.ofSeconds(stream.total() / settings.eventsPerSecond()).plus(settings.settle());
    if (!stream.awaitAccepted(streaming)) {
      found.add("the stream was not all accepted within " + streaming.toSeconds() + " s");
    }
    if (stream.rejected() > 0) {
      found.add(stream.rejected() + " batches rejected with a 4xx");
    }
    var accepted = stream.accepted();
    var stored = settle(stream.prefix(), accepted);
    var end = Snapshot.take(platform);
    long stillQueued = platform.rabbit().messageCount(platform.queues().main());
    if (stored.lost() > 0 && stillQueued > 0) {
      // Not stored yet is not lost: say which it may be.
      found.add(stillQueued + " messages still in the tenant's queue when counting stopped");
    }
    return new ScenarioResult(
        name,
        accepted.size(),
        stored.lost(),
        stored.duplicated(),
        end.deadLetters() - start.deadLetters(),
        0,
        end.crashes() - start.crashes(),
        found,
        ("answers=%s %s").formatted(stream.answers(), details).trim());
  }

  /**
   * Counts until every accepted event is stored, or until the count has not grown for the settle
   * time: a slow machine's backlog is waited for, a stalled one is not.
   */
  private StoredEvents settle(String prefix, java.util.Set<String> accepted) {
    var last = new java.util.concurrent.atomic.AtomicReference<StoredEvents>();
    var progressAt = new java.util.concurrent.atomic.AtomicReference<>(Instant.now());
    await()
        .atMost(Duration.ofHours(2))
        .pollInterval(Duration.ofSeconds(3))
        .ignoreExceptions()
        .until(
            () -> {
              var now =
                  StoredEvents.of(platform.dynamo(), platform.recordTable(), prefix, accepted);
              var before = last.getAndSet(now);
              if (before == null || now.stored() > before.stored()) {
                progressAt.set(Instant.now());
              }
              return now.lost() == 0
                  || Duration.between(progressAt.get(), Instant.now()).compareTo(settings.settle())
                      > 0;
            });
    return last.get();
  }

  /** A deliberate wait: how long a fault lasts, or a random moment to strike. */
  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  /** Counters that grow over the platform's life, read before and after a scenario. */
  private record Snapshot(long deadLetters, long crashes) {
    static Snapshot take(ChaosPlatform platform) throws Exception {
      long deadLetters =
          Waits.until(
              Duration.ofSeconds(60),
              Duration.ofMillis(500),
              () -> platform.rabbit().messageCount(platform.queues().deadLetter()),
              n -> true);
      return new Snapshot(deadLetters, platform.crashedPods().size());
    }
  }
}
