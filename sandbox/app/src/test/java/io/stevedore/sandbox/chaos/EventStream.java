package io.stevedore.sandbox.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A bounded client of ingest: a few senders post a fixed number of events in batches, each batch
 * retried (same event ids, as the 503 answer asks) until it is answered 202. It remembers every
 * event id answered 202, which is what the platform promised to store.
 */
final class EventStream implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI events;
  private final String apiKey;
  private final String prefix;
  private final int batches;
  private final int batchSize;
  private final Instant timestamp = Instant.now().minusSeconds(60);
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger nextBatch = new AtomicInteger();
  private final long nanosPerBatch;
  private final AtomicLong nextStart = new AtomicLong(System.nanoTime());
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong failedRequests = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final ConcurrentHashMap<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
  private final ExecutorService senders;
  private volatile boolean stopped;

  /**
   * Starts posting {@code events} events (rounded up to whole batches of {@code batchSize}) from
   * {@code concurrency} senders, at most {@code eventsPerSecond}; event ids start with {@code
   * prefix}.
   */
  EventStream(
      int ingestPort,
      String apiKey,
      String prefix,
      int events,
      int batchSize,
      int concurrency,
      int eventsPerSecond) {
    this.events = URI.create("http://127.0.0.1:" + ingestPort + "/v1/events");
    this.apiKey = apiKey;
    this.prefix = prefix;
    this.batchSize = batchSize;
    this.batches = (events + batchSize - 1) / batchSize;
    this.nanosPerBatch = 1_000_000_000L * batchSize / eventsPerSecond;
    this.senders = Executors.newFixedThreadPool(concurrency);
    IntStream.range(0, concurrency).forEach(i -> senders.execute(this::send));
    senders.shutdown();
  }

  private void send() {
    for (int batch = nextBatch.getAndIncrement();
        batch < batches && !stopped;
        batch = nextBatch.getAndIncrement()) {
      List<String> ids = ids(batch);
      String body = body(batch, ids);
      pace();
      Duration backoff = Duration.ofMillis(50);
      while (!stopped) {
        int status = post(body);
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == 202) {
          accepted.addAll(ids);
          break;
        }
        if (status == 503) {
          unavailable.incrementAndGet();
        } else if (status >= 400 && status < 500 && status != 429) {
          // The batch itself is wrong: retrying cannot help, and the scenario reports it.
          rejected.incrementAndGet();
          break;
        }
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  private List<String> ids(int batch) {
    return IntStream.range(0, batchSize).mapToObj(i -> prefix + "-" + batch + "-" + i).toList();
  }

  /** Waits for this batch's turn, so that the stream keeps to its rate. */
  private void pace() {
    long start = nextStart.getAndAdd(nanosPerBatch);
    long wait = start - System.nanoTime();
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    } else {
      // A stream held up (by 503s) resumes at its rate, not with a burst.
      nextStart.accumulateAndGet(System.nanoTime() + nanosPerBatch, Math::max);
    }
  }

  private String body(int batch, List<String> ids) {
    var events = new StringJoiner(",", "{\"events\":[", "]}");
    for (int i = 0; i < ids.size(); i++) {
      events.add(
          """
          {"deviceId":"device-%d","eventId":"%s","timestamp":"%s","type":"location","payload":{"latitude":52.37,"longitude":4.89,"batch":%d}}"""
              .formatted(i % 16, ids.get(i), timestamp.plusMillis(batch), batch));
    }
    return events.toString();
  }

  /** The status code, or 0 when no answer came (connection refused or reset, timeout). */
  private int post(String body) {
    try {
      return http.send(
              HttpRequest.newBuilder(events)
                  .timeout(REQUEST_TIMEOUT)
                  .header("Authorization", "Bearer " + apiKey)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      failedRequests.incrementAndGet();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
      return 0;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What every event id of this stream starts with. */
  String prefix() {
    return prefix;
  }

  /** Event ids answered 202 so far. */
  Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  int acceptedCount() {
    return accepted.size();
  }

  /** How many events the stream posts in all. */
  int total() {
    return batches * batchSize;
  }

  /** Requests answered 503 (the broker did not confirm). */
  long unavailable() {
    return unavailable.get();
  }

  /** Batches answered with a 4xx other than 429: the client's mistake, never retried. */
  long rejected() {
    return rejected.get();
  }

  /** Answers by status code (0: no answer). */
  Map<Integer, Long> answers() {
    var counts = new java.util.TreeMap<Integer, Long>();
    answers.forEach((status, count) -> counts.put(status, count.get()));
    return counts;
  }

  /** Waits until every batch was answered 202; false if {@code timeout} passed first. */
  boolean awaitAccepted(Duration timeout) throws InterruptedException {
    return senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    senders.shutdownNow();
    senders.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
  }
}
