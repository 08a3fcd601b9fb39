package io.stevedore.runtime.config;

import com.rabbitmq.client.ConnectionFactory;
import com.zaxxer.hikari.HikariDataSource;
import io.stevedore.runtime.broker.sqs.SqsQueueConsumers;
import io.stevedore.runtime.tenant.TenantDirectoryEndpoint;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Clients of the platform's external systems, built from the operator-provided configuration. */
@Configuration(proxyBeanMethods = false)
public class ClientsConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  TenantDirectoryFile tenantDirectory(StevedoreProperties properties) {
    return new TenantDirectoryFile(
        properties.tenants().file(), properties.tenants().reloadInterval());
  }

  @Bean
  TenantDirectoryEndpoint tenantDirectoryEndpoint(TenantDirectoryFile directory) {
    return new TenantDirectoryEndpoint(directory);
  }

  @Bean
  @ConditionalOnProperty(
      name = "stevedore.broker.type",
      havingValue = "rabbitmq",
      matchIfMissing = true)
  ConnectionFactory rabbitConnectionFactory(StevedoreProperties properties) throws Exception {
    var rabbit = properties.broker().rabbitmq();
    var factory = new ConnectionFactory();
    factory.setUri(rabbit.url());
    if (rabbit.vhost() != null && !rabbit.vhost().isBlank()) {
      factory.setVirtualHost(rabbit.vhost());
    }
    if (rabbit.username() != null) {
      factory.setUsername(rabbit.username());
      factory.setPassword(rabbit.password());
    }
    // Reconnect by ourselves: a publisher or consumer decides what a lost connection means.
    factory.setAutomaticRecoveryEnabled(false);
    var timeouts = properties.timeouts();
    factory.setConnectionTimeout(millis(timeouts.connect()));
    factory.setHandshakeTimeout(millis(timeouts.amqpHandshake()));
    factory.setChannelRpcTimeout(millis(timeouts.amqpRpc()));
    factory.setShutdownTimeout(millis(timeouts.amqpRpc()));
    factory.setRequestedHeartbeat(15);
    return factory;
  }

  @Bean(destroyMethod = "close")
  DynamoDbClient dynamoDbClient(StevedoreProperties properties) {
    var dynamo = properties.storage().dynamodb();
    var timeouts = properties.timeouts();
    return aws(
            DynamoDbClient.builder(),
            dynamo.region(),
            dynamo.endpoint(),
            timeouts,
            timeouts.awsAttempt())
        .build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "stevedore.broker.type", havingValue = "sqs")
  SqsClient sqsClient(StevedoreProperties properties) {
    var sqs = properties.broker().sqs();
    var timeouts = properties.timeouts();
    // A long-polling receive holds the socket silent for its wait: reads must outlast it.
    Duration socketTimeout = timeouts.awsAttempt().plus(SqsQueueConsumers.LONG_POLL_WAIT);
    return aws(SqsClient.builder(), sqs.region(), sqs.endpoint(), timeouts, socketTimeout).build();
  }

  /** Applies the JDBC timeouts to the MySQL pool Spring Boot builds, before it first connects. */
  @Bean
  static BeanPostProcessor jdbcTimeouts(ObjectProvider<StevedoreProperties> properties) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
          var timeouts = properties.getObject().timeouts();
          pool.setConnectionTimeout(timeouts.jdbcConnection().toMillis());
          // Strings: the driver reads them with Properties.getProperty, which skips other types.
          pool.addDataSourceProperty("connectTimeout", String.valueOf(millis(timeouts.connect())));
          pool.addDataSourceProperty(
              "socketTimeout", String.valueOf(millis(timeouts.jdbcSocket())));
        }
        return bean;
      }
    };
  }

  /**
   * Region, endpoint override (local stand-ins), a pooled Apache HTTP client, and timeouts on each
   * attempt and on each call with its retries.
   */
  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(
      B builder,
      String region,
      String endpoint,
      StevedoreProperties.Timeouts timeouts,
      Duration socketTimeout) {
    builder
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(timeouts.connect())
                .socketTimeout(socketTimeout)
                .connectionAcquisitionTimeout(timeouts.awsCall()))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(timeouts.awsAttempt())
                .apiCallTimeout(timeouts.awsCall())
                .build())
        .region(Region.of(region == null ? "us-east-1" : region));
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  private static int millis(Duration duration) {
    return Math.toIntExact(duration.toMillis());
  }
}
