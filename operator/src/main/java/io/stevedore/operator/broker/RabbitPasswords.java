package io.stevedore.operator.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Checks a password against a RabbitMQ password hash ({@code rabbit_password_hashing_sha256}, the
 * default: base64 of a 4-byte salt followed by SHA-256 of salt + password), so that the operator
 * rewrites a broker user only when its password really differs.
 */
public final class RabbitPasswords {
  private static final int SALT_LENGTH = 4;

  private RabbitPasswords() {}

  /** Whether {@code hash} is the hash of {@code password}; false for hashes of other schemes. */
  public static boolean matches(String hash, String password) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (decoded.length != SALT_LENGTH + 32) {
      return false;
    }
    byte[] salt = Arrays.copyOf(decoded, SALT_LENGTH);
    return MessageDigest.isEqual(hash(salt, password), decoded);
  }

  /** The hash of {@code password} with {@code salt}, as the broker computes it. */
  public static byte[] hash(byte[] salt, String password) {
    try {
      var sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      sha256.update(password.getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha256.digest();
      byte[] hash = Arrays.copyOf(salt, salt.length + digest.length);
      System.arraycopy(digest, 0, hash, salt.length, digest.length);
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
