package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantQueues;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Queue URLs by the platform's queue names, looked up once each. */
final class SqsQueueUrls {
  private final SqsClient sqs;
  private final ConcurrentMap<String, String> urls = new ConcurrentHashMap<>();

  SqsQueueUrls(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** The URL of platform queue {@code queue} (dots and all; the SQS name is derived). */
  String of(String queue) {
    return urls.computeIfAbsent(
        queue, q -> sqs.getQueueUrl(r -> r.queueName(TenantQueues.sqsName(q))).queueUrl());
  }

  /** Forgets a URL that stopped working (the queue was deleted and maybe re-created). */
  void forget(String queue) {
    urls.remove(queue);
  }
}
