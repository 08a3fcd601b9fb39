package io.stevedore.runtime.config;

import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    var builder =
        DynamoDbClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
            .region(Region.of(dynamo.region() == null ? "us-east-1" : dynamo.region()));
    if (dynamo.endpoint() != null && !dynamo.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(dynamo.endpoint()));
    }
    return builder.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "stevedore.broker.type", havingValue = "sqs")
  SqsClient sqsClient(StevedoreProperties properties) {
    var sqs = properties.broker().sqs();
    var builder =
        SqsClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
            .region(Region.of(sqs.region() == null ? "us-east-1" : sqs.region()));
    if (sqs.endpoint() != null && !sqs.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(sqs.endpoint()));
    }
    return builder.build();
  }
}
