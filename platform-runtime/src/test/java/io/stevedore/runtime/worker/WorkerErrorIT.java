package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.runtime.broker.rabbit.RabbitQueueConsumers;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.rules.TenantRules;
import io.stevedore.runtime.storage.ProcessingLog;
import io.stevedore.runtime.storage.RecordWriter;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.testing.RabbitTestBroker;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestDatabase;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import io.stevedore.runtime.worker.outage.Dependency;
import io.stevedore.runtime.worker.outage.DependencyBreakers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link Error} while processing (here a StackOverflowError from the first write, as a runaway
 * rule would throw) fails that batch like any failure on real RabbitMQ: it moves to the retry queue
 * with the reason, nothing stays unsettled, the consumer keeps consuming, and the retried batch is
 * stored.
 */
class WorkerErrorIT {

  @Test
  void anErrorFailsTheBatchAndTheConsumerKeepsConsuming() {
    try (var platform = WorkerTestPlatform.start()) {
      TestTenant tenant = platform.addTenant("erring");
      Flyway.configure()
          .dataSource(platform.database.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD)
          .load()
          .migrate();
      var meters = new SimpleMeterRegistry();
      var firstWrite = new AtomicBoolean(true);
      var writer =
          new RecordWriter(platform.dynamo.client(), 25) {
            @Override
            public void write(String table, List<Map<String, AttributeValue>> items) {
              if (firstWrite.getAndSet(false)) {
                throw new StackOverflowError("runaway rule");
              }
              super.write(table, items);
            }
          };
      var breakers =
          new DependencyBreakers(
              new StevedoreProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(5), 2),
              Map.of(Dependency.DYNAMODB, () -> {}, Dependency.MYSQL, () -> {}),
              meters);
      var processor =
          new BatchProcessor(
              new TenantRules(platform.jdbc(), Duration.ofSeconds(10), Clock.systemUTC(), meters),
              writer,
              new ProcessingLog(platform.jdbc(), "worker-error-it"),
              new WorkerMetrics(meters),
              breakers,
              Clock.systemUTC());
      var consumers =
          new RabbitQueueConsumers(RabbitTestBroker.connectionFactory(), 10, Duration.ofSeconds(5));
      var directory = new TenantDirectoryFile(platform.tenants.file(), Duration.ofMillis(100));
      var worker =
          new QueueWorker(consumers, directory, processor, 2, Duration.ofSeconds(5), meters);
      String queue = tenant.entry().queue();
      try {
        worker.start();
        await().until(() -> platform.broker.consumers(queue) == 1);

        platform.broker.publish(
            queue,
            List.of(
                TestBatches.encoded(tenant.entry(), TestBatches.locations(0, 5)),
                TestBatches.encoded(tenant.entry(), TestBatches.locations(5, 5))),
            Map.of());

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> platform.processingLog(tenant).size() == 2);
        assertThat(platform.itemCount(tenant)).isEqualTo(10);
        assertThat(platform.processingLog(tenant))
            .as("the batch that met the Error was stored on its retry")
            .extracting(row -> row.get("attempts"))
            .containsExactlyInAnyOrder(1, 2);
        assertThat(platform.broker.consumers(queue)).as("still consuming").isOne();
        await().until(() -> worker.inFlight() == 0);
        assertThat(platform.broker.ready(queue)).isZero();
        assertThat(platform.broker.ready(tenant.queues().deadLetter())).isZero();
        assertThat(meters.get(WorkerMetrics.EVENTS).tags("outcome", "retried").counter().count())
            .isEqualTo(5);
      } finally {
        worker.stop();
        worker.close();
        consumers.close();
        directory.close();
        breakers.close();
      }
    }
  }
}
