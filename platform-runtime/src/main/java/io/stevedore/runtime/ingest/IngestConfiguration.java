package io.stevedore.runtime.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.broker.EventPublisher;
import io.stevedore.runtime.config.StevedoreProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the ingest role (HTTP in, broker out): the pipeline behind `POST /v1/events`. The
 * controllers and the problem handler are gated on the same property; the broker's publisher comes
 * from the configuration of the selected broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
public class IngestConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

  @Bean
  EventBatchReader eventBatchReader(StevedoreProperties properties) {
    var ingest = properties.ingest();
    return new EventBatchReader(
        ingest.maxBatchEvents(), ingest.maxEventAge(), ingest.maxClockSkew());
  }

  @Bean
  IngestRateLimiter ingestRateLimiter(StevedoreProperties properties) {
    return new IngestRateLimiter(System::nanoTime, properties.ingest().replicas());
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  EventIngest eventIngest(
      EventBatchReader reader,
      IngestRateLimiter rateLimiter,
      EventPublisher publisher,
      IngestMetrics metrics,
      Clock clock,
      StevedoreProperties properties) {
    return new EventIngest(
        reader, rateLimiter, publisher, metrics, clock, properties.ingest().publishTimeout());
  }

  @Bean
  ApplicationRunner logIngestSettings(StevedoreProperties properties) {
    return args ->
        log.info(
            "Role ingest in environment {}, broker {}, limits {}",
            properties.environment(),
            properties.broker(),
            properties.ingest());
  }
}
