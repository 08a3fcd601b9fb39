package io.stevedore.operator.kube;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates tenant ingest API keys: 256 random bits, URL-safe, with a recognisable prefix. */
public final class ApiKeys {
  public static final String PREFIX = "stv_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
