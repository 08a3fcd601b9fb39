package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitManagement;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.PlatformClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RabbitMQ queue depth: the exact ready count and consumers of every queue by a passive declare
 * over AMQP; unacknowledged messages and publish/ack rates from the management API when the
 * Environment has a managementUrl. The management API samples every 5 s, so one listing of a
 * vhost's queues is reused for that long by every pool on it; when it fails, the AMQP counts still
 * make a good observation.
 */
public final class RabbitQueueObserver implements QueueObserver {
  /** How long a management answer is reused: the broker's own statistics interval. */
  static final Duration MANAGEMENT_REUSE = Duration.ofSeconds(5);

  private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

  private record Sampled(Map<String, RabbitManagement.QueueStats> stats, Instant at) {}

  private final PlatformClients clients;
  private final Clock clock;
  private final Map<String, Sampled> management = new ConcurrentHashMap<>();

  public RabbitQueueObserver(PlatformClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public QueueDepth observe(Environment environment, List<String> queues)
      throws ObservationException {
    RabbitEndpoint endpoint;
    try {
      endpoint = clients.endpoints().rabbit(environment);
    } catch (CredentialsNotFoundException e) {
      throw new ObservationException(ObservationFailure.Kind.AuthFailed, e.getMessage(), e);
    }
    long ready = 0;
    int consumers = 0;
    Map<String, Long> backlogByQueue = new HashMap<>();
    for (String queue : queues) {
      try {
        var declared = clients.rabbit().inspect(endpoint, queue);
        ready += declared.getMessageCount();
        backlogByQueue.put(queue, (long) declared.getMessageCount());
        consumers += declared.getConsumerCount();
      } catch (BrokerException e) {
        if (e.failure() == BrokerException.Failure.AUTH_FAILED) {
          // Credentials may have been rotated: read the Secret again next time.
          clients.endpoints().invalidate();
        }
        throw new ObservationException(kind(e), "queue " + queue + ": " + e.getMessage(), e);
      }
    }
    long unacked = 0;
    double publish = 0;
    double ack = 0;
    String note = "";
    boolean managed = endpoint.hasManagement();
    if (managed) {
      try {
        for (String queue : queues) {
          var stats = stats(endpoint, queue);
          if (stats.isPresent()) {
            unacked += stats.get().unacknowledged();
            backlogByQueue.merge(queue, stats.get().unacknowledged(), Long::sum);
            publish += stats.get().publishRate();
            ack += stats.get().ackRate();
          }
        }
      } catch (BrokerException e) {
        managed = false;
        note = "management API: " + e.getMessage();
      }
    }
    return new QueueDepth(
        queues.size(),
        ready,
        managed ? OptionalLong.of(unacked) : OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalInt.of(consumers),
        managed ? OptionalDouble.of(publish) : OptionalDouble.empty(),
        managed ? OptionalDouble.of(ack) : OptionalDouble.empty(),
        note,
        backlogByQueue);
  }

  private Optional<RabbitManagement.QueueStats> stats(RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    String key = endpoint.managementUri() + "|" + endpoint.vhost();
    Instant now = clock.instant();
    Sampled sampled = management.get(key);
    if (sampled == null || sampled.at().plus(MANAGEMENT_REUSE).isBefore(now)) {
      // One listing of the vhost serves every pool and queue on it until the broker resamples.
      sampled = new Sampled(clients.management().queues(endpoint), now);
      management.put(key, sampled);
      // Listings of vhosts no pool reads any more (an Environment gone or moved) are dropped.
      management.values().removeIf(s -> s.at().plus(FORGET_AFTER).isBefore(now));
    }
    return Optional.ofNullable(sampled.stats().get(queue));
  }

  static ObservationFailure.Kind kind(BrokerException e) {
    return switch (e.failure()) {
      case NOT_FOUND -> ObservationFailure.Kind.QueueMissing;
      case AUTH_FAILED -> ObservationFailure.Kind.AuthFailed;
      case UNAVAILABLE, REJECTED -> ObservationFailure.Kind.SourceUnavailable;
    };
  }
}
