package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.broker.QueueConsumers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Consumes tenant queues on SQS: a long-polling loop per queue, at most {@code prefetch} messages
 * held per queue, each deleted only when settled as processed; held messages have their visibility
 * extended so long work is never handed to a second worker.
 */
public class SqsQueueConsumers implements QueueConsumers {
  private static final Logger log = LoggerFactory.getLogger(SqsQueueConsumers.class);

  /** How long a receive waits for messages (SQS's maximum): few empty receives on idle queues. */
  public static final Duration LONG_POLL_WAIT = Duration.ofSeconds(20);

  /** Timing of the receive loop. */
  public record Settings(
      int prefetch, Duration waitTime, Duration visibilityTimeout, Duration extendEvery) {
    public static Settings defaults(int prefetch) {
      return new Settings(prefetch, LONG_POLL_WAIT, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
  }

  private final SqsClient sqs;
  private final SqsQueueUrls urls;
  private final Settings settings;
  private final Duration receiveTimeout;
  private final Map<String, Poller> pollers = new HashMap<>();
  private final Set<SqsDelivery> held = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon("sqs-consumer"));
  private final ScheduledExecutorService extender =
      Executors.newSingleThreadScheduledExecutor(daemon("sqs-visibility"));
  private volatile boolean consuming = true;
  private volatile boolean closed;

  public SqsQueueConsumers(SqsClient sqs, Settings settings) {
    this.sqs = sqs;
    this.urls = new SqsQueueUrls(sqs);
    this.settings = settings;
    // A receive may wait its long poll on top of the client's timeout of one attempt.
    Duration attempt =
        sqs.serviceClientConfiguration()
            .overrideConfiguration()
            .apiCallAttemptTimeout()
            .orElse(Duration.ofSeconds(10));
    this.receiveTimeout = settings.waitTime().plus(attempt);
    long every = settings.extendEvery().toMillis();
    extender.scheduleWithFixedDelay(this::extendHeld, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void serve(List<TenantDirectory.Entry> tenants, Consumer<Delivery> handler) {
    if (closed) {
      return;
    }
    consuming = true;
    Map<String, TenantDirectory.Entry> wanted =
        tenants.stream()
            .collect(Collectors.toMap(TenantDirectory.Entry::queue, t -> t, (a, b) -> a));
    pollers
        .keySet()
        .removeIf(
            queue -> {
              if (!wanted.containsKey(queue)) {
                pollers.get(queue).stop();
                return true;
              }
              return false;
            });
    wanted.forEach(
        (queue, tenant) ->
            pollers.computeIfAbsent(
                queue,
                q -> {
                  var poller = new Poller(tenant, handler);
                  executor.execute(poller);
                  return poller;
                }));
  }

  @Override
  public synchronized void stopConsuming() {
    consuming = false;
    pollers.values().forEach(Poller::stop);
    pollers.clear();
  }

  @Override
  public void close() {
    closed = true;
    stopConsuming();
    // What is still held goes back to the queue at once rather than after its visibility timeout.
    held.forEach(
        delivery -> {
          try {
            delivery.release();
          } catch (RuntimeException e) {
            log.debug("Release on close failed: {}", e.getMessage());
          }
        });
    extender.shutdownNow();
    executor.shutdownNow();
  }

  private void extendHeld() {
    int seconds = (int) settings.visibilityTimeout().toSeconds();
    for (SqsDelivery delivery : held) {
      try {
        if (!delivery.isSettled()) {
          sqs.changeMessageVisibility(
              r ->
                  r.queueUrl(urls.main(delivery.tenant()))
                      .receiptHandle(delivery.receiptHandle())
                      .visibilityTimeout(seconds));
        }
      } catch (SdkException e) {
        log.warn(
            "Could not extend visibility of a message of {}: {}",
            delivery.tenant().name(),
            e.getMessage());
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The SQS calls a delivery settles with. */
  final class QueueOperations {
    private final Semaphore permits;

    QueueOperations(Semaphore permits) {
      this.permits = permits;
    }

    void delete(SqsDelivery delivery) {
      sqs.deleteMessage(
          r -> r.queueUrl(urls.main(delivery.tenant())).receiptHandle(delivery.receiptHandle()));
    }

    void changeVisibility(SqsDelivery delivery, int seconds) {
      sqs.changeMessageVisibility(
          r ->
              r.queueUrl(urls.main(delivery.tenant()))
                  .receiptHandle(delivery.receiptHandle())
                  .visibilityTimeout(seconds));
    }

    /** Sends the message to the DLQ with why, then deletes the original: never both lost. */
    void deadLetter(SqsDelivery delivery, int attempts, String reason) {
      Map<String, MessageAttributeValue> attributes = new HashMap<>(delivery.attributes());
      attributes.put(TenantQueues.FAILURE_HEADER, string(reason));
      attributes.put(
          TenantQueues.ATTEMPTS_HEADER,
          MessageAttributeValue.builder()
              .dataType("Number")
              .stringValue(String.valueOf(attempts))
              .build());
      sqs.sendMessage(
          r ->
              r.queueUrl(urls.deadLetter(delivery.tenant()))
                  .messageBody(new String(delivery.body(), java.nio.charset.StandardCharsets.UTF_8))
                  .messageAttributes(attributes));
      delete(delivery);
    }

    void settled(SqsDelivery delivery) {
      held.remove(delivery);
      permits.release();
    }

    private MessageAttributeValue string(String value) {
      String text = value == null || value.isEmpty() ? "unknown" : value;
      return MessageAttributeValue.builder()
          .dataType("String")
          .stringValue(text.length() > 1024 ? text.substring(0, 1024) : text)
          .build();
    }
  }

  /** The receive loop of one tenant queue. */
  private final class Poller implements Runnable {
    private final TenantDirectory.Entry tenant;
    private final Consumer<Delivery> handler;
    private final Semaphore permits = new Semaphore(settings.prefetch());
    private final QueueOperations operations = new QueueOperations(permits);
    private volatile boolean running = true;

    Poller(TenantDirectory.Entry tenant, Consumer<Delivery> handler) {
      this.tenant = tenant;
      this.handler = handler;
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      Thread.currentThread().setName("sqs-poll-" + tenant.name());
      while (running && consuming) {
        int taken = 0;
        try {
          permits.acquire();
          taken = 1;
          // SQS hands out at most 10 messages per receive.
          int more = Math.min(9, permits.availablePermits());
          if (more > 0 && permits.tryAcquire(more)) {
            taken += more;
          }
          if (!running || !consuming) {
            return;
          }
          int wanted = taken;
          var messages =
              sqs.receiveMessage(
                      r ->
                          r.queueUrl(urls.main(tenant))
                              .maxNumberOfMessages(wanted)
                              .waitTimeSeconds((int) settings.waitTime().toSeconds())
                              .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())
                              .messageSystemAttributeNames(
                                  MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                              .messageAttributeNames("All")
                              .overrideConfiguration(
                                  o ->
                                      o.apiCallAttemptTimeout(receiveTimeout)
                                          .apiCallTimeout(receiveTimeout.multipliedBy(2))))
                  .messages();
          // Each received message keeps its permit until it is settled.
          taken -= messages.size();
          for (var message : messages) {
            var delivery = new SqsDelivery(tenant, message, operations);
            held.add(delivery);
            executor.execute(() -> handler.accept(delivery));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (SdkException e) {
          urls.forget(tenant);
          log.warn(
              "Receiving from {} failed, retrying: {}",
              tenant.sqsQueuesInUse().main(),
              e.getMessage());
          pause();
        } finally {
          permits.release(taken);
        }
      }
    }

    private void pause() {
      try {
        TimeUnit.SECONDS.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
