package io.stevedore.runtime.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configuration the operator hands to the runtime as STEVEDORE_* environment variables.
 *
 * @param role what this instance runs (STEVEDORE_ROLE); required
 * @param environment name of the Environment resource this instance belongs to
 * @param releaseVersion release of the platform this instance was deployed as
 * @param broker the message broker between ingest and workers
 * @param storage where workers write
 * @param worker settings of the worker role
 * @param ingest limits of the ingest role
 * @param tenants where the tenant directory the operator mounts is read from
 * @param timeouts how long any call to a dependency may take before it counts as failed
 */
@Validated
@ConfigurationProperties("stevedore")
public record StevedoreProperties(
    @NotNull(message = "must be set to ingest or worker (environment variable STEVEDORE_ROLE)")
        Role role,
    String environment,
    String releaseVersion,
    @Valid @DefaultValue Broker broker,
    @Valid @DefaultValue Storage storage,
    @Valid @DefaultValue Worker worker,
    @Valid @DefaultValue Ingest ingest,
    @Valid @DefaultValue Tenants tenants,
    @Valid @DefaultValue Timeouts timeouts) {

  /** Which broker carries messages, and how to reach each kind. */
  public record Broker(
      @DefaultValue("rabbitmq") BrokerType type,
      @DefaultValue RabbitMq rabbitmq,
      @DefaultValue Sqs sqs) {}

  /** The kinds of broker the platform runs on. */
  public enum BrokerType {
    RABBITMQ,
    SQS
  }

  /** How to reach RabbitMQ: AMQP URL, management API URL, virtual host and credentials. */
  public record RabbitMq(
      String url, String managementUrl, String vhost, String username, String password) {
    @Override
    public String toString() {
      return "RabbitMq[url=%s, managementUrl=%s, vhost=%s, username=%s, password=%s]"
          .formatted(
              Redaction.url(url),
              Redaction.url(managementUrl),
              vhost,
              username,
              Redaction.password(password));
    }
  }

  /** How to reach SQS; the endpoint is set only for a local or test stand-in. */
  public record Sqs(String region, String endpoint) {}

  /** The stores workers write to. */
  public record Storage(@DefaultValue DynamoDb dynamodb, @DefaultValue MySql mysql) {}

  /** How to reach DynamoDB, and the prefix of every table name. */
  public record DynamoDb(String region, String endpoint, String tablePrefix) {}

  /** How to reach MySQL: JDBC URL and credentials. */
  public record MySql(String url, String username, String password) {
    @Override
    public String toString() {
      return "MySql[url=%s, username=%s, password=%s]"
          .formatted(Redaction.url(url), username, Redaction.password(password));
    }
  }

  /**
   * Settings of the worker role.
   *
   * @param pool name of the WorkerPool resource this worker belongs to
   * @param drainSeconds how long shutdown waits for in-flight work; defaults to 120 in
   *     application.properties, which also bounds each graceful shutdown phase with it
   * @param prefetch messages each queue's consumer may hold unacknowledged
   * @param writeBatchSize records per DynamoDB BatchWriteItem call (at most 25)
   * @param concurrency batches processed at once
   * @param rulesTtl how long a tenant's processing rules are cached before being read again
   * @param rulesPoll how often the rules hashes of tenants that declare their rules are compared,
   *     so that a changed Tenant's rules apply within about this time
   * @param circuitBreaker when an outage of DynamoDB or MySQL pauses consumption
   */
  public record Worker(
      String pool,
      @PositiveOrZero int drainSeconds,
      @DefaultValue("200") @Positive int prefetch,
      @DefaultValue("25") @Positive int writeBatchSize,
      @DefaultValue("8") @Positive int concurrency,
      @DefaultValue("10s") Duration rulesTtl,
      @DefaultValue("1s") Duration rulesPoll,
      @Valid @DefaultValue CircuitBreaker circuitBreaker) {}

  /**
   * The circuit breaker of each store the worker writes to (DynamoDB, MySQL). Batches that fail
   * because the store is unreachable, times out, answers 5xx or throttles are returned to their
   * queue without counting an attempt; when that is the case for this share of the last batches,
   * the worker stops consuming until probes find the store back.
   *
   * @param failureRateThreshold percentage of failed batches that opens the breaker
   * @param slidingWindow how many recent batches the failure rate is computed over
   * @param minimumCalls batches needed in the window before the rate is judged
   * @param waitInOpenState how long consumption stays paused before the store is probed again
   * @param permittedCallsInHalfOpenState probes that must succeed before consumption resumes
   */
  public record CircuitBreaker(
      @DefaultValue("50") @Positive @Max(100) int failureRateThreshold,
      @DefaultValue("20") @Positive int slidingWindow,
      @DefaultValue("10") @Positive int minimumCalls,
      @DefaultValue("PT5S") Duration waitInOpenState,
      @DefaultValue("2") @Positive int permittedCallsInHalfOpenState) {}

  /**
   * Upper bounds on every call to a dependency, so an unanswered call fails instead of hanging a
   * thread (and, in the worker, holding a delivery) forever.
   *
   * @param connect opening a TCP connection to any dependency (AWS, MySQL, RabbitMQ)
   * @param awsAttempt one HTTP attempt of an AWS SDK call, and the socket read timeout (an SQS
   *     receive adds its long-poll wait)
   * @param awsCall an AWS SDK call with all its retries
   * @param jdbcConnection waiting for a connection from the MySQL pool (HikariCP connectionTimeout)
   * @param jdbcSocket a MySQL query without an answer (the driver's socketTimeout)
   * @param amqpHandshake the AMQP handshake after the TCP connection
   * @param amqpRpc one AMQP channel operation (declare, consume, cancel, close)
   * @param amqpConfirm the worker's wait for the broker's confirm when it moves a failed message to
   *     a retry or dead-letter queue (ingest waits {@code ingest.publish-timeout})
   */
  public record Timeouts(
      @DefaultValue("PT2S") Duration connect,
      @DefaultValue("PT5S") Duration awsAttempt,
      @DefaultValue("PT15S") Duration awsCall,
      @DefaultValue("PT5S") Duration jdbcConnection,
      @DefaultValue("PT10S") Duration jdbcSocket,
      @DefaultValue("PT10S") Duration amqpHandshake,
      @DefaultValue("PT10S") Duration amqpRpc,
      @DefaultValue("PT10S") Duration amqpConfirm) {}

  /**
   * Limits of the ingest role; a request beyond them is answered 4xx.
   *
   * @param maxBatchEvents most events in one POST
   * @param maxBodyBytes largest request body
   * @param maxEventAge oldest event timestamp accepted
   * @param maxClockSkew how far in the future a device clock may be
   * @param publishTimeout how long to wait for the broker's confirm before answering 503
   * @param replicas ingest pods the Environment asks for (STEVEDORE_INGEST_REPLICAS, set by the
   *     operator): the pods share each tenant's plan by their demand, and a pod that cannot see the
   *     others' demand enforces 1/replicas of it
   */
  public record Ingest(
      @DefaultValue("500") @Positive int maxBatchEvents,
      @DefaultValue("1048576") @Positive int maxBodyBytes,
      @DefaultValue("P7D") Duration maxEventAge,
      @DefaultValue("PT5M") Duration maxClockSkew,
      @DefaultValue("PT5S") Duration publishTimeout,
      @DefaultValue("1") @Positive int replicas) {}

  /**
   * Where the operator's tenant directory is mounted, and how often it is checked for changes.
   *
   * @param file the directory file (STEVEDORE_TENANTS_FILE)
   * @param reloadInterval how often the file's modification is checked
   */
  public record Tenants(
      @DefaultValue("/etc/stevedore/tenants/tenants.json") Path file,
      @DefaultValue("PT2S") Duration reloadInterval) {}
}
