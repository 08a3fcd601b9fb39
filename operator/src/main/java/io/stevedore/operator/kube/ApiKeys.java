package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Tenant ingest API keys: 256 random bits, URL-safe, with a recognisable prefix, in a Secret. */
public final class ApiKeys {
  public static final String PREFIX = "stv_";

  /** The key under which a tenant's Secret holds its API key. */
  public static final String SECRET_KEY = "apiKey";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The API key stored in {@code secret} (decoded from the base64 the API returns), if any. */
  public static Optional<String> read(Secret secret) {
    return Optional.ofNullable(secret)
        .map(Secret::getData)
        .map(data -> data.get(SECRET_KEY))
        .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
  }
}
