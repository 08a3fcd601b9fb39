package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.EventPublisher;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Publishes batches to SQS: split into messages that fit SQS's size limit, sent with
 * SendMessageBatch, and returned from only when SQS has acknowledged every one of them.
 */
public class SqsEventPublisher implements EventPublisher {
  /** SQS takes 256 KiB per message and per SendMessageBatch call; keep room for attributes. */
  static final int MAX_BYTES = 240 * 1024;

  private static final int MAX_ENTRIES = 10;

  private final SqsClient sqs;
  private final SqsQueueUrls urls;

  public SqsEventPublisher(SqsClient sqs) {
    this.sqs = sqs;
    this.urls = new SqsQueueUrls(sqs);
  }

  @Override
  public void publish(TenantDirectory.Entry tenant, EventBatch batch, Duration timeout) {
    List<byte[]> bodies = encode(batch);
    try {
      String url = urls.main(tenant);
      List<SendMessageBatchRequestEntry> call = new ArrayList<>();
      int callBytes = 0;
      for (int i = 0; i < bodies.size(); i++) {
        byte[] body = bodies.get(i);
        if (call.size() == MAX_ENTRIES || callBytes + body.length > MAX_BYTES) {
          send(url, call, timeout);
          call.clear();
          callBytes = 0;
        }
        call.add(entry(tenant, String.valueOf(i), body));
        callBytes += body.length;
      }
      send(url, call, timeout);
    } catch (SdkException e) {
      urls.forget(tenant);
      throw new BrokerUnavailableException(
          "SQS did not take batch " + batch.batchId() + ": " + e.getMessage(), e);
    }
  }

  /** One body if it fits, else the events split in halves until every part fits. */
  static List<byte[]> encode(EventBatch batch) {
    byte[] body = EventBatchCodec.encode(batch);
    if (body.length <= MAX_BYTES || batch.events().size() == 1) {
      if (body.length > MAX_BYTES) {
        throw new IllegalArgumentException(
            "event " + batch.events().get(0).eventId() + " alone exceeds the SQS message size");
      }
      return List.of(body);
    }
    int half = batch.events().size() / 2;
    List<byte[]> parts = new ArrayList<>();
    parts.addAll(encode(part(batch, 0, half, "a")));
    parts.addAll(encode(part(batch, half, batch.events().size(), "b")));
    return parts;
  }

  private static EventBatch part(EventBatch batch, int from, int to, String suffix) {
    return new EventBatch(
        batch.batchId() + suffix,
        batch.tenant(),
        batch.namespace(),
        batch.receivedAt(),
        batch.events().subList(from, to));
  }

  private void send(String url, List<SendMessageBatchRequestEntry> entries, Duration timeout) {
    if (entries.isEmpty()) {
      return;
    }
    var response =
        sqs.sendMessageBatch(
            r ->
                r.queueUrl(url)
                    .entries(entries)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
    if (response.hasFailed() && !response.failed().isEmpty()) {
      var failure = response.failed().get(0);
      throw new BrokerUnavailableException(
          "SQS refused "
              + response.failed().size()
              + " message(s): "
              + failure.code()
              + " "
              + failure.message(),
          null);
    }
  }

  private static SendMessageBatchRequestEntry entry(
      TenantDirectory.Entry tenant, String id, byte[] body) {
    return SendMessageBatchRequestEntry.builder()
        .id(id)
        .messageBody(new String(body, StandardCharsets.UTF_8))
        .messageAttributes(
            Map.of(
                TenantQueues.TENANT_HEADER,
                MessageAttributeValue.builder()
                    .dataType("String")
                    .stringValue(tenant.name())
                    .build()))
        .build();
  }
}
