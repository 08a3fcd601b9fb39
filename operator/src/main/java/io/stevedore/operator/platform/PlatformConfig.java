package io.stevedore.operator.platform;

import io.stevedore.operator.api.v1alpha1.BrokerSpec;
import io.stevedore.operator.api.v1alpha1.DynamoDbSpec;
import io.stevedore.operator.api.v1alpha1.Environment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform runtime's non-secret configuration for an Environment, as environment variables that
 * Spring Boot binds to `stevedore.*` properties.
 */
public final class PlatformConfig {
  private PlatformConfig() {}

  public static Map<String, String> data(Environment environment) {
    var spec = environment.getSpec();
    Map<String, String> data = new TreeMap<>();
    data.put("STEVEDORE_ENVIRONMENT", environment.getMetadata().getName());
    data.put("STEVEDORE_RELEASE_VERSION", spec.getRelease().getVersion());
    BrokerSpec broker = spec.getBroker();
    data.put("STEVEDORE_BROKER_TYPE", broker.getType().name().toLowerCase(java.util.Locale.ROOT));
    if (broker.getRabbitmq() != null) {
      var rabbit = broker.getRabbitmq();
      data.put("STEVEDORE_BROKER_RABBITMQ_URL", rabbit.getUrl());
      data.put("STEVEDORE_BROKER_RABBITMQ_VHOST", rabbit.getVhost());
      putIfSet(data, "STEVEDORE_BROKER_RABBITMQ_MANAGEMENT_URL", rabbit.getManagementUrl());
    }
    if (broker.getSqs() != null) {
      data.put("STEVEDORE_BROKER_SQS_REGION", broker.getSqs().getRegion());
      putIfSet(data, "STEVEDORE_BROKER_SQS_ENDPOINT", broker.getSqs().getEndpoint());
    }
    DynamoDbSpec dynamo = spec.getStorage().getDynamodb();
    data.put("STEVEDORE_STORAGE_DYNAMODB_REGION", dynamo.getRegion());
    data.put("STEVEDORE_STORAGE_DYNAMODB_TABLE_PREFIX", dynamo.getTablePrefix());
    putIfSet(data, "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", dynamo.getEndpoint());
    return data;
  }

  /** A short digest of the configuration; a change in it rolls the pods that use it. */
  public static String checksum(Map<String, String> data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (var entry : new TreeMap<>(data).entrySet()) {
        digest.update(
            (entry.getKey() + "=" + entry.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void putIfSet(Map<String, String> data, String key, String value) {
    if (value != null && !value.isBlank()) {
      data.put(key, value);
    }
  }
}
