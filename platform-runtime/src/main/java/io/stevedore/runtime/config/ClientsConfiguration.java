package io.stevedore.runtime.config;

import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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
    factory.setConnectionTimeout((int) Duration.ofSeconds(5).toMillis());
    factory.setRequestedHeartbeat(15);
    return factory;
  }

  @Bean(destroyMethod = "close")
  DynamoDbClient dynamoDbClient(StevedoreProperties properties) {
    var dynamo = properties.storage().dynamodb();
    return aws(DynamoDbClient.builder(), dynamo.region(), dynamo.endpoint()).build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "stevedore.broker.type", havingValue = "sqs")
  SqsClient sqsClient(StevedoreProperties properties) {
    var sqs = properties.broker().sqs();
    return aws(SqsClient.builder(), sqs.region(), sqs.endpoint()).build();
  }

  /** Region, endpoint override (local stand-ins) and a pooled Apache HTTP client. */
  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(
      B builder, String region, String endpoint) {
    builder
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
        .region(Region.of(region == null ? "us-east-1" : region));
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }
}
