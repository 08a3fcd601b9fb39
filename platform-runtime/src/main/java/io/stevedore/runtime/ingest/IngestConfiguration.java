package io.stevedore.runtime.ingest;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.broker.EventPublisher;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.config.StevedoreProperties.BrokerType;
import io.stevedore.runtime.ingest.ratelimit.RabbitDemandChannel;
import io.stevedore.runtime.ingest.ratelimit.SharedRateBudget;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.web.ApiKeyAuthentication;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

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

  /** How often each pod reports its demand and recomputes its allowances. */
  static final Duration DEMAND_INTERVAL = Duration.ofMillis(250);

  @Bean(destroyMethod = "close")
  SharedRateBudget sharedRateBudget(
      StevedoreProperties properties,
      ObjectProvider<ConnectionFactory> rabbit,
      Environment environment,
      MeterRegistry registry) {
    int replicas = properties.ingest().replicas();
    RabbitDemandChannel channel = null;
    if (properties.broker().type() == BrokerType.RABBITMQ) {
      channel =
          new RabbitDemandChannel(
              rabbit.getObject(),
              RabbitDemandChannel.exchangeOf(properties.environment()),
              DEMAND_INTERVAL.multipliedBy(SharedRateBudget.LIVE_FOR_INTERVALS));
    } else {
      log.warn(
          "Broker {} carries no demand between ingest pods: each enforces 1/{} of every"
              + " tenant's plan",
          properties.broker().type(),
          replicas);
    }
    // The pod name (HOSTNAME in Kubernetes) for the logs; the suffix keeps ids unique anywhere.
    String pod =
        environment.getProperty("HOSTNAME", "ingest")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    var budget = new SharedRateBudget(pod, replicas, channel, System::nanoTime, DEMAND_INTERVAL);
    budget.start();
    Gauge.builder("stevedore.ingest.rate.shared", budget, b -> b.shared() ? 1 : 0)
        .description("1 while this pod shares tenants' rate budgets with the others, 0 at 1/N")
        .register(registry);
    Gauge.builder("stevedore.ingest.rate.pods", budget, SharedRateBudget::livePods)
        .description("Ingest pods sharing tenants' rate budgets, as this pod sees them")
        .register(registry);
    return budget;
  }

  @Bean
  IngestRateLimiter ingestRateLimiter(SharedRateBudget budget) {
    return new IngestRateLimiter(System::nanoTime, budget);
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

  /** The hot path of `POST /v1/events`, last of the filters: after request metrics and logging. */
  @Bean
  FilterRegistrationBean<EventsFilter> eventsFilter(
      TenantDirectoryFile directory,
      ApiKeyAuthentication authentication,
      EventIngest ingest,
      StevedoreProperties properties) {
    var filter =
        new EventsFilter(directory, authentication, ingest, properties.ingest().maxBodyBytes());
    var registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(EventsFilter.PATH);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
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
