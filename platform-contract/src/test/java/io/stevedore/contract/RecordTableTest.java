package io.stevedore.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTableTest {

  @Test
  void sortKeysSortAsStringsInTimeOrderWhateverTheFraction() {
    List<Instant> times =
        List.of(
            Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-11-22T10:00:00.001Z"),
            Instant.parse("2026-11-22T10:00:00.5Z"),
            Instant.parse("2026-11-22T10:00:01Z"));
    List<String> keys =
        new ArrayList<>(times.stream().map(t -> RecordTable.timeEvent(t, "e")).toList());
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    assertThat(sorted).isEqualTo(keys);
    assertThat(keys.get(0)).isEqualTo("2026-11-22T10:00:00.000Z#e");
  }

  @Test
  void tenantQueuesHaveOneDelayQueuePerRetryAndReturnToMain() {
    var queues = TenantQueues.of("prod", "acme");
    assertThat(queues.main()).isEqualTo("tenant.prod.acme");
    assertThat(queues.deadLetter()).isEqualTo("tenant.prod.acme.dlq");
    assertThat(queues.retries())
        .containsExactly(
            "tenant.prod.acme.retry.1s",
            "tenant.prod.acme.retry.10s",
            "tenant.prod.acme.retry.60s");
    assertThat(queues.retryQueueAfter(1)).isEqualTo("tenant.prod.acme.retry.1s");
    assertThat(queues.retryQueueAfter(9)).isEqualTo("tenant.prod.acme.retry.60s");
  }

  @Test
  void apiKeyDigestIsHexSha256() {
    assertThat(ApiKeyDigest.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
