package io.stevedore.runtime.broker.rabbit;

import io.stevedore.runtime.broker.BrokerUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ingest's readiness on RabbitMQ: DOWN while the publisher cannot connect, so that Kubernetes
 * routes no traffic to a pod that could only answer 503.
 */
public final class RabbitPublisherHealthIndicator implements HealthIndicator {
  private final RabbitEventPublisher publisher;

  public RabbitPublisherHealthIndicator(RabbitEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public Health health() {
    try {
      publisher.ensureConnected();
      return Health.up().build();
    } catch (BrokerUnavailableException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
