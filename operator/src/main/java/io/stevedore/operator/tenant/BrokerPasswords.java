package io.stevedore.operator.tenant;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords of tenants' broker users: 192 random bits, URL-safe. */
final class BrokerPasswords {
  private static final SecureRandom RANDOM = new SecureRandom();

  private BrokerPasswords() {}

  static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
