package io.stevedore.runtime.worker;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.broker.QueueConsumers;
import io.stevedore.runtime.broker.rabbit.RabbitQueueConsumers;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.rules.TenantRules;
import io.stevedore.runtime.rules.TenantRulesPoller;
import io.stevedore.runtime.storage.ProcessingLog;
import io.stevedore.runtime.storage.RecordWriter;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.worker.outage.Dependency;
import io.stevedore.runtime.worker.outage.DependencyBreakers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Beans of the worker role (broker in, storage out): the queue consumers, the batch processor and
 * what it writes to, and the in-flight endpoint.
 */
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

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "stevedore.broker.type",
      havingValue = "rabbitmq",
      matchIfMissing = true)
  RabbitQueueConsumers rabbitQueueConsumers(
      ConnectionFactory factory, StevedoreProperties properties) {
    return new RabbitQueueConsumers(
        factory, properties.worker().prefetch(), properties.timeouts().amqpConfirm());
  }

  @Bean
  TenantRules tenantRules(
      JdbcTemplate jdbc, Clock clock, MeterRegistry meters, StevedoreProperties properties) {
    return new TenantRules(jdbc, properties.worker().rulesTtl(), clock, meters);
  }

  @Bean(destroyMethod = "close")
  TenantRulesPoller tenantRulesPoller(TenantRules rules, StevedoreProperties properties) {
    return new TenantRulesPoller(rules, properties.worker().rulesPoll());
  }

  @Bean
  RecordWriter recordWriter(DynamoDbClient dynamoDb, StevedoreProperties properties) {
    return new RecordWriter(dynamoDb, properties.worker().writeBatchSize());
  }

  @Bean
  ProcessingLog processingLog(JdbcTemplate jdbc, @Value("${HOSTNAME:}") String hostname) {
    return new ProcessingLog(jdbc, hostname.isBlank() ? localHostName() : hostname);
  }

  @Bean
  WorkerMetrics workerMetrics(MeterRegistry meters) {
    return new WorkerMetrics(meters);
  }

  /** Probes are the cheapest calls each store answers; any answer, even a refusal, means up. */
  @Bean(destroyMethod = "close")
  DependencyBreakers dependencyBreakers(
      DynamoDbClient dynamoDb,
      JdbcTemplate jdbc,
      StevedoreProperties properties,
      MeterRegistry meters) {
    return new DependencyBreakers(
        properties.worker().circuitBreaker(),
        Map.of(
            Dependency.DYNAMODB, () -> dynamoDb.listTables(r -> r.limit(1)),
            Dependency.MYSQL, () -> jdbc.queryForObject("SELECT 1", Integer.class)),
        meters);
  }

  @Bean
  BatchProcessor batchProcessor(
      TenantRules rules,
      RecordWriter writer,
      ProcessingLog processingLog,
      WorkerMetrics metrics,
      DependencyBreakers breakers,
      Clock clock) {
    return new BatchProcessor(rules, writer, processingLog, metrics, breakers, clock);
  }

  @Bean(destroyMethod = "close")
  QueueWorker queueWorker(
      QueueConsumers consumers,
      TenantDirectoryFile directory,
      BatchProcessor processor,
      DependencyBreakers breakers,
      StevedoreProperties properties,
      MeterRegistry meters) {
    // Within Spring's shutdown phase timeout (also drain-seconds), leaving time to close.
    Duration drain = Duration.ofSeconds(properties.worker().drainSeconds()).minusMillis(500);
    var worker =
        new QueueWorker(
            consumers,
            directory,
            processor,
            properties.worker().concurrency(),
            drain.isNegative() ? Duration.ZERO : drain,
            meters);
    breakers.onAvailabilityChange(worker::storesAvailable);
    return worker;
  }

  @Bean
  InFlightEndpoint inFlightEndpoint(QueueWorker worker, DependencyBreakers breakers) {
    return new InFlightEndpoint(worker, breakers);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
