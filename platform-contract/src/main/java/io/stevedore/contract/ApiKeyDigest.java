package io.stevedore.contract;

/** The digest under which an API key is known outside its Secret. */
public final class ApiKeyDigest {
  private ApiKeyDigest() {}

  public static String sha256(String apiKey) {
    return Sha256.hex(apiKey);
  }
}
