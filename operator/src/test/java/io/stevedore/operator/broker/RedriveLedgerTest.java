package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import io.stevedore.contract.TenantQueues;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the redrive's ledger recognizes the original of a copy it recorded (pure). */
class RedriveLedgerTest {
  private static final byte[] BODY = "{\"batchId\":\"b-1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void anOriginalAndItsCopyHaveTheSameIdentity() {
    var original = deadLetter(Map.of());

    var copy = RabbitDeadLetterRedrive.redriven(original, "r1");

    assertThat(RedriveLedger.identity(copy, BODY))
        .isEqualTo(RedriveLedger.identity(original, BODY));
  }

  @Test
  void retryHeadersAndTheTokenDoNotCountButEverythingElseDoes() {
    String identity = RedriveLedger.identity(deadLetter(Map.of()), BODY);

    assertThat(
            RedriveLedger.identity(
                deadLetter(
                    Map.of(
                        "x-delivery-count",
                        4L,
                        TenantQueues.FAILURE_HEADER,
                        LongStringHelper.asLongString("other"),
                        DeadLetterRedrive.TOKEN_HEADER,
                        LongStringHelper.asLongString("r7"))),
                BODY))
        .as("returned again, with other retry headers and a token")
        .isEqualTo(identity);
    assertThat(RedriveLedger.identity(deadLetter(Map.of()), "other".getBytes()))
        .as("another body")
        .isNotEqualTo(identity);
    assertThat(
            RedriveLedger.identity(deadLetter(Map.of()).builder().messageId("b-2").build(), BODY))
        .as("another message id")
        .isNotEqualTo(identity);
    assertThat(
            RedriveLedger.identity(
                deadLetter(Map.of(TenantQueues.TENANT_HEADER, LongStringHelper.asLongString("b"))),
                BODY))
        .as("another tenant header")
        .isNotEqualTo(identity);
  }

  /** A dead letter as the broker hands it out: header strings are LongStrings. */
  private static AMQP.BasicProperties deadLetter(Map<String, Object> overrides) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(TenantQueues.TENANT_HEADER, LongStringHelper.asLongString("acme"));
    headers.put(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS);
    headers.put(TenantQueues.FAILURE_HEADER, LongStringHelper.asLongString("table missing"));
    headers.put("x-death", List.of(Map.of("count", 1L)));
    headers.putAll(overrides);
    return new AMQP.BasicProperties.Builder().messageId("b-1").headers(headers).build();
  }
}
