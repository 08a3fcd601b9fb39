package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The ingest role's publisher when the broker is RabbitMQ, and the readiness check that goes with
 * it (ingest-readiness.properties puts the `broker` indicator into the readiness group).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
@ConditionalOnProperty(
    name = "stevedore.broker.type",
    havingValue = "rabbitmq",
    matchIfMissing = true)
@PropertySource("classpath:io/stevedore/runtime/broker/ingest-readiness.properties")
public class RabbitPublisherConfiguration {

  /**
   * Channels shared by all request threads; each is held only while writing one message, so two
   * keep the socket busy, and fewer channels cost the broker less per message than eight did.
   */
  static final int CHANNELS = 2;

  @Bean(destroyMethod = "close")
  RabbitEventPublisher rabbitEventPublisher(ConnectionFactory factory, MeterRegistry registry) {
    return new RabbitEventPublisher(factory, registry, CHANNELS);
  }

  @Bean(destroyMethod = "close")
  RabbitQueueDepths rabbitQueueDepths(ConnectionFactory factory) {
    return new RabbitQueueDepths(factory);
  }

  @Bean
  RabbitPublisherHealthIndicator brokerHealthIndicator(RabbitEventPublisher publisher) {
    return new RabbitPublisherHealthIndicator(publisher);
  }
}
