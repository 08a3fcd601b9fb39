package io.stevedore.operator.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * One AWS SDK client per region and endpoint override (Environments may differ in both);
 * credentials come from the default chain: the operator pod's IAM role, or the environment.
 */
public final class AwsClients<C extends SdkClient> implements AutoCloseable {
  private final BiFunction<String, String, C> factory;
  private final Map<String, C> clients = new ConcurrentHashMap<>();

  private AwsClients(BiFunction<String, String, C> factory) {
    this.factory = factory;
  }

  /** Clients made by {@code builders}, e.g. {@code AwsClients.of(DynamoDbClient::builder)}. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
      AwsClients<C> of(Supplier<B> builders) {
    return new AwsClients<>(
        (region, endpoint) -> {
          B builder = builders.get();
          builder
              .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
              // A reconciliation never waits long on AWS: a slow call fails and is retried later.
              .overrideConfiguration(
                  o ->
                      o.apiCallTimeout(Duration.ofSeconds(6))
                          .apiCallAttemptTimeout(Duration.ofSeconds(2)))
              .region(Region.of(region));
          if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
          }
          return builder.build();
        });
  }

  /** The client for {@code region}, talking to {@code endpoint} when it is set. */
  public C client(String region, String endpoint) {
    String key = region + "|" + (endpoint == null ? "" : endpoint);
    return clients.computeIfAbsent(key, k -> factory.apply(region, endpoint));
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
  }
}
