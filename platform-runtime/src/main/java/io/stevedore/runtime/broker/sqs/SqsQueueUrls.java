package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantDirectory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Queue URLs of tenants' SQS queues, by the names the operator chose, looked up once each. */
final class SqsQueueUrls {
  private final SqsClient sqs;
  private final ConcurrentMap<String, String> urls = new ConcurrentHashMap<>();

  SqsQueueUrls(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** The URL of the tenant's main queue. */
  String main(TenantDirectory.Entry tenant) {
    return of(tenant.sqsQueuesInUse().main());
  }

  /** The URL of the tenant's dead-letter queue. */
  String deadLetter(TenantDirectory.Entry tenant) {
    return of(tenant.sqsQueuesInUse().deadLetter());
  }

  /** Forgets the tenant's URLs after a call failed (the queue was deleted and maybe re-created). */
  void forget(TenantDirectory.Entry tenant) {
    urls.remove(tenant.sqsQueuesInUse().main());
    urls.remove(tenant.sqsQueuesInUse().deadLetter());
  }

  private String of(String name) {
    return urls.computeIfAbsent(name, n -> sqs.getQueueUrl(r -> r.queueName(n)).queueUrl());
  }
}
