package io.stevedore.runtime.worker;

import io.stevedore.runtime.config.StevedoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the worker role (broker in, storage out); consumers and store writers belong here. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stevedore.role", havingValue = "worker")
public class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

  @Bean
  ApplicationRunner logWorkerSettings(StevedoreProperties properties) {
    return args ->
        log.info(
            "Role worker in environment {}, pool {}, drain {}s, broker {}, storage {}",
            properties.environment(),
            properties.worker().pool(),
            properties.worker().drainSeconds(),
            properties.broker(),
            properties.storage());
  }
}
