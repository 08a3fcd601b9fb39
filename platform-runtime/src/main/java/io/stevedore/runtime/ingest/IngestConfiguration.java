package io.stevedore.runtime.ingest;

import io.stevedore.runtime.config.StevedoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the ingest role (HTTP in, broker out); the ingest endpoint and publisher belong here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
public class IngestConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

  @Bean
  ApplicationRunner logIngestSettings(StevedoreProperties properties) {
    return args ->
        log.info(
            "Role ingest in environment {}, broker {}",
            properties.environment(),
            properties.broker());
  }
}
