package io.stevedore.runtime.broker.sqs;

import io.stevedore.runtime.config.StevedoreProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The broker beans when the Environment chose SQS: the publisher and queue depths (ingest), the
 * consumers (worker).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stevedore.broker.type", havingValue = "sqs")
public class SqsConfiguration {

  @Bean
  @ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
  SqsEventPublisher sqsEventPublisher(SqsClient sqs) {
    return new SqsEventPublisher(sqs);
  }

  @Bean
  @ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
  SqsQueueDepths sqsQueueDepths(SqsClient sqs) {
    return new SqsQueueDepths(sqs);
  }

  @Bean
  @ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
  SqsPublisherHealthIndicator brokerHealthIndicator(SqsClient sqs) {
    return new SqsPublisherHealthIndicator(sqs);
  }

  /** Puts the `broker` indicator into ingest's readiness group. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
  @PropertySource("classpath:io/stevedore/runtime/broker/ingest-readiness.properties")
  static class IngestReadiness {}

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "stevedore.role", havingValue = "worker")
  SqsQueueConsumers sqsQueueConsumers(SqsClient sqs, StevedoreProperties properties) {
    return new SqsQueueConsumers(
        sqs, SqsQueueConsumers.Settings.defaults(properties.worker().prefetch()));
  }
}
