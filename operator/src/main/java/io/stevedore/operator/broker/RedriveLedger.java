package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.stevedore.contract.TenantQueues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The RabbitMQ redrive's record of the copies it put in the main queue whose originals may not be
 * acked yet: a queue {@code <dlq>.redrive} holding one small message (an identity) per confirmed
 * copy, deleted once a batch's originals are acked. After an interruption, a returned original
 * whose copy is recorded here is acked without a second copy.
 */
final class RedriveLedger {
  /** The broker deletes a ledger left behind by an operator that never came back, after this. */
  static final int EXPIRES_MILLIS = 7 * 24 * 3600 * 1000;

  private final Channel channel;
  private final String name;

  /** Copies recorded and not yet matched to an original, by identity, with their count. */
  private final Map<String, Integer> recorded = new HashMap<>();

  private RedriveLedger(Channel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  static String name(TenantQueues queues) {
    return queues.deadLetter() + ".redrive";
  }

  /** Declares the tenant's ledger and reads what an interrupted batch recorded in it. */
  static RedriveLedger open(Channel channel, TenantQueues queues) throws IOException {
    var ledger = new RedriveLedger(channel, name(queues));
    channel.queueDeclare(
        ledger.name,
        true,
        false,
        false,
        Map.of("x-queue-type", "classic", "x-expires", EXPIRES_MILLIS));
    // Left unacked on purpose: they stay recorded until discard() deletes the ledger.
    for (GetResponse r = channel.basicGet(ledger.name, false);
        r != null;
        r = channel.basicGet(ledger.name, false)) {
      ledger.recorded.merge(new String(r.getBody(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    return ledger;
  }

  /** Records that a copy of this original is in the main queue (the caller awaits the confirm). */
  void record(AMQP.BasicProperties original, byte[] body) throws IOException {
    channel.basicPublish(
        "",
        name,
        false,
        MessageProperties.PERSISTENT_BASIC,
        identity(original, body).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a copy of this original is recorded; if so, that record is used up. */
  boolean claim(AMQP.BasicProperties original, byte[] body) {
    String identity = identity(original, body);
    Integer count = recorded.get(identity);
    if (count == null) {
      return false;
    }
    if (count == 1) {
      recorded.remove(identity);
    } else {
      recorded.put(identity, count - 1);
    }
    return true;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Deletes the ledger: call only once every original it records a copy of is settled. */
  void discard() throws IOException {
    channel.queueDelete(name);
  }

  /** What an original and its copy have in common: body, ids and every header but retry ones. */
  static String identity(AMQP.BasicProperties properties, byte[] body) {
    Map<String, String> headers = new TreeMap<>();
    if (properties.getHeaders() != null) {
      properties.getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
    }
    headers.keySet().removeAll(IGNORED);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(body);
      String rest =
          properties.getMessageId()
              + "|"
              + properties.getCorrelationId()
              + "|"
              + properties.getTimestamp()
              + "|"
              + properties.getType()
              + "|"
              + headers;
      digest.update(rest.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static final Set<String> IGNORED = ignored();

  private static Set<String> ignored() {
    Set<String> ignored = new HashSet<>(DeadLetterRedrive.RETRY_HEADERS);
    ignored.add(DeadLetterRedrive.TOKEN_HEADER);
    return ignored;
  }
}
