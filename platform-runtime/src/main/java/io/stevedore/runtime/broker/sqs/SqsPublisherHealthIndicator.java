package io.stevedore.runtime.broker.sqs;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ingest's readiness on SQS: DOWN while SQS does not answer, so that Kubernetes routes no traffic
 * to a pod that could only answer 503.
 */
public final class SqsPublisherHealthIndicator implements HealthIndicator {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final SqsClient sqs;

  public SqsPublisherHealthIndicator(SqsClient sqs) {
    this.sqs = sqs;
  }

  @Override
  public Health health() {
    try {
      sqs.listQueues(r -> r.maxResults(1).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
      return Health.up().build();
    } catch (SdkException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
