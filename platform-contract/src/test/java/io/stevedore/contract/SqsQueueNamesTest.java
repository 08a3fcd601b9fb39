package io.stevedore.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqsQueueNamesTest {
  private static final String NS34 = "n".repeat(34);
  private static final String NS35 = "n".repeat(35);

  /** (namespace, tenant) → main queue; the dead-letter queue is always main + "_dlq". */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("a", "b-c", "tenant_a_b-c"),
        Arguments.of("a-b", "c", "tenant_a-b_c"),
        Arguments.of("team-a", "acme", "tenant_team-a_acme"),
        // 76 + "_dlq" is exactly 80: not cut.
        Arguments.of(NS34, "t".repeat(34), "tenant_" + NS34 + "_" + "t".repeat(34)),
        // One more: cut to 58, then "__" and 16 hex digits of SHA-256("<ns>/<name>").
        Arguments.of(
            NS35, "t".repeat(34), ("tenant_" + NS35 + "_" + "t".repeat(34)).substring(0, 58)),
        Arguments.of(
            "n".repeat(40),
            "t".repeat(40),
            ("tenant_" + "n".repeat(40) + "_" + "t".repeat(40)).substring(0, 58)
                + "__fc97de3151034a1d"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void namesJoinTheLabelsWithUnderscoresAndCutWhatIsTooLongWithAHash(
      String namespace, String tenant, String mainOrPrefix) {
    var names = SqsQueueNames.of(namespace, tenant);

    assertThat(names.main()).startsWith(mainOrPrefix);
    assertThat(names.deadLetter()).isEqualTo(names.main() + "_dlq");
    assertThat(names.deadLetter()).hasSizeLessThanOrEqualTo(80).matches(SqsQueueNames.ALLOWED);
    if (names.main().contains("__")) {
      assertThat(names.main()).hasSize(76).matches(".{58}__[0-9a-f]{16}");
    } else {
      assertThat(names.main()).isEqualTo(mainOrPrefix);
    }
  }

  @Test
  void theTwoTenantsWhoseLegacyNamesCollideGetDifferentNames() {
    assertThat(SqsQueueNames.legacy("a", "b-c")).isEqualTo(SqsQueueNames.legacy("a-b", "c"));
    assertThat(SqsQueueNames.legacy("a", "b-c").orElseThrow())
        .isEqualTo(new SqsQueueNames("tenant-a-b-c", "tenant-a-b-c-dlq"));
    assertThat(SqsQueueNames.of("a", "b-c")).isNotEqualTo(SqsQueueNames.of("a-b", "c"));
  }

  @Test
  void legacyNamesTooLongForSqsNeverExisted() {
    assertThat(SqsQueueNames.legacy("n".repeat(36), "t".repeat(32))).isPresent();
    assertThat(SqsQueueNames.legacy("n".repeat(36), "t".repeat(33))).isEmpty();
  }

  @Test
  void theRuntimeUsesTheNamesItsDirectoryCarriesAndLegacyNamesInAnOlderDirectory() {
    var chosen = SqsQueueNames.of("a", "b-c");
    var entry = new TenantDirectory.Entry("b-c", "a", "q", "t", 1, 1, List.of(), false, 1, chosen);
    var older = new TenantDirectory.Entry("b-c", "a", "q", "t", 1, 1, List.of(), false);

    assertThat(entry.sqsQueuesInUse()).isEqualTo(chosen);
    assertThat(older.sqsQueues()).isNull();
    assertThat(older.sqsQueuesInUse())
        .isEqualTo(new SqsQueueNames("tenant-a-b-c", "tenant-a-b-c-dlq"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "a_b", "a.b", "a/b", "-a", "a-"})
  void aPartThatIsNotALabelIsRefused(String part) {
    assertThatThrownBy(() -> SqsQueueNames.of("team-a", part))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a DNS-1123 label");
    assertThatThrownBy(() -> SqsQueueNames.of(part, "acme"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
