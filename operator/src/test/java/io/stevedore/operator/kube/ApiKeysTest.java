package io.stevedore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void keyStartsWithTheRecognisablePrefix() {
    assertThat(ApiKeys.generate()).startsWith("stv_");
    assertThat(ApiKeys.PREFIX).isEqualTo("stv_");
  }

  @Test
  void keyIsThePrefixAnd256BitsInUnpaddedBase64() {
    String key = ApiKeys.generate();

    assertThat(key).hasSize(47);
    assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
  }

  @Test
  void keyUsesOnlyTheUrlSafeAlphabet() {
    for (int i = 0; i < 200; i++) {
      assertThat(ApiKeys.generate()).matches("stv_[A-Za-z0-9_-]{43}");
    }
  }

  @Test
  void keysDiffer() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      keys.add(ApiKeys.generate());
    }

    assertThat(keys).hasSize(100);
  }
}
