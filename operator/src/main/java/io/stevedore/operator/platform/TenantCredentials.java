package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.kube.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a tenant's Secret holds: its API key and broker login, the previous ones during a rotation's
 * overlap window, and the rotation bookkeeping (annotations), so that a rotation interrupted by a
 * crash is never done twice.
 *
 * @param apiKey the ingest API key
 * @param previousApiKey the key before the last rotation, valid until {@code previousValidUntil}
 * @param brokerUsername the tenant's broker user, or null without broker users
 * @param brokerPassword its password
 * @param previousBrokerUsername the user before the last rotation, kept until the window ends
 * @param previousBrokerPassword its password
 * @param rotationToken the rotation token whose rotation these credentials are
 * @param rotatedAt when they were rotated
 * @param previousValidUntil when the previous credentials stop working
 */
public record TenantCredentials(
    String apiKey,
    String previousApiKey,
    String brokerUsername,
    String brokerPassword,
    String previousBrokerUsername,
    String previousBrokerPassword,
    String rotationToken,
    Instant rotatedAt,
    Instant previousValidUntil) {

  public static final String PREVIOUS_API_KEY = "previousApiKey";
  public static final String BROKER_USERNAME = "brokerUsername";
  public static final String BROKER_PASSWORD = "brokerPassword";
  public static final String PREVIOUS_BROKER_USERNAME = "previousBrokerUsername";
  public static final String PREVIOUS_BROKER_PASSWORD = "previousBrokerPassword";
  public static final String ROTATION_TOKEN_ANNOTATION = "stevedore.io/rotation-token";
  public static final String ROTATED_AT_ANNOTATION = "stevedore.io/rotated-at";
  public static final String PREVIOUS_VALID_UNTIL_ANNOTATION = "stevedore.io/previous-valid-until";

  /** The credentials in {@code secret}, if it holds an API key. */
  public static Optional<TenantCredentials> read(Secret secret) {
    if (secret == null || secret.getData() == null) {
      return Optional.empty();
    }
    Map<String, String> data = secret.getData();
    Map<String, String> annotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    String apiKey = decode(data.get(ApiKeys.SECRET_KEY));
    if (apiKey == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TenantCredentials(
            apiKey,
            decode(data.get(PREVIOUS_API_KEY)),
            decode(data.get(BROKER_USERNAME)),
            decode(data.get(BROKER_PASSWORD)),
            decode(data.get(PREVIOUS_BROKER_USERNAME)),
            decode(data.get(PREVIOUS_BROKER_PASSWORD)),
            annotations.get(ROTATION_TOKEN_ANNOTATION),
            instant(annotations.get(ROTATED_AT_ANNOTATION)),
            instant(annotations.get(PREVIOUS_VALID_UNTIL_ANNOTATION))));
  }

  /** The API keys ingest accepts: the current one, and the previous one during the overlap. */
  public List<String> validApiKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(apiKey);
    if (previousApiKey != null) {
      keys.add(previousApiKey);
    }
    return keys;
  }

  /** The Secret's data: each value base64-encoded, as the API stores it. */
  public Map<String, String> data(Map<String, String> plainExtras) {
    Map<String, String> plain = new LinkedHashMap<>();
    plain.put(ApiKeys.SECRET_KEY, apiKey);
    putIfSet(plain, PREVIOUS_API_KEY, previousApiKey);
    putIfSet(plain, BROKER_USERNAME, brokerUsername);
    putIfSet(plain, BROKER_PASSWORD, brokerPassword);
    putIfSet(plain, PREVIOUS_BROKER_USERNAME, previousBrokerUsername);
    putIfSet(plain, PREVIOUS_BROKER_PASSWORD, previousBrokerPassword);
    plain.putAll(plainExtras);
    Map<String, String> encoded = new LinkedHashMap<>();
    plain.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }

  /** The Secret's annotations that record the rotation. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    putIfSet(annotations, ROTATION_TOKEN_ANNOTATION, rotationToken);
    putIfSet(annotations, ROTATED_AT_ANNOTATION, rotatedAt == null ? null : rotatedAt.toString());
    putIfSet(
        annotations,
        PREVIOUS_VALID_UNTIL_ANNOTATION,
        previousValidUntil == null ? null : previousValidUntil.toString());
    return annotations;
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String decode(String encoded) {
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
