package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class RabbitPasswordsTest {
  private static final byte[] SALT = {1, 2, 3, 4};

  @Test
  void hashOfThePasswordMatchesAndOthersDoNot() {
    String hash = Base64.getEncoder().encodeToString(RabbitPasswords.hash(SALT, "s3cret"));

    assertThat(RabbitPasswords.matches(hash, "s3cret")).isTrue();
    assertThat(RabbitPasswords.matches(hash, "s3cret ")).isFalse();
    assertThat(RabbitPasswords.matches(hash, "other")).isFalse();
  }

  @Test
  void hashesOfOtherSchemesOrGarbageNeverMatch() {
    assertThat(RabbitPasswords.matches("", "x")).isFalse();
    assertThat(RabbitPasswords.matches("not base64!", "x")).isFalse();
    assertThat(RabbitPasswords.matches(Base64.getEncoder().encodeToString(new byte[20]), "x"))
        .isFalse();
  }
}
