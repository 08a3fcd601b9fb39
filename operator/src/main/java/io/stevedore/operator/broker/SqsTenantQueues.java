package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.platform.ResourceOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A tenant's queues on SQS, by the names the operator chose ({@code TenantBrokerQueues}): the main
 * queue with a redrive policy into its dead-letter queue (retry delays are visibility timeouts
 * there, so no delay queues exist). Each queue records its Tenant in tag {@link #OWNER_TAG}, set
 * with the create; a queue of the tenant's name that records another owner, or none while the
 * tenant never had queues, is never used, counted or deleted.
 */
public final class SqsTenantQueues implements TenantQueueBroker {
  /** A queue's depth: visible, in flight (received, not deleted) and delayed messages. */
  public static final List<QueueAttributeName> DEPTH_ATTRIBUTES =
      List.of(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

  private static final String DECLARED_AS =
      "SQS queues (dead-lettered after " + TenantQueues.SQS_MAX_RECEIVE_COUNT + " receives)";

  /** The queue tag that records the UID of the Tenant a queue was made for. */
  public static final String OWNER_TAG = "stevedore.io/tenant-uid";

  private final SqsClient sqs;
  private final ResourceOwner owner;

  public SqsTenantQueues(SqsClient sqs, ResourceOwner owner) {
    this.sqs = sqs;
    this.owner = owner;
  }

  /** The redrive policy of a main queue, as the runtime expects it. */
  static String redrivePolicy(String deadLetterArn) {
    return "{\"deadLetterTargetArn\":\""
        + deadLetterArn
        + "\",\"maxReceiveCount\":\""
        + TenantQueues.SQS_MAX_RECEIVE_COUNT
        + "\"}";
  }

  @Override
  public QueueSurvey survey(TenantQueues queues) throws BrokerException {
    return call(
        () -> {
          List<String> missing = new ArrayList<>();
          for (String queue : List.of(queues.main(), queues.deadLetter())) {
            if (url(queue).isEmpty()) {
              missing.add(queue);
            }
          }
          return new QueueSurvey(missing, DECLARED_AS);
        });
  }

  @Override
  public QueueSurvey ensureQueues(TenantQueues queues) throws BrokerException {
    return call(
        () -> {
          List<String> created = new ArrayList<>();
          for (String queue : List.of(queues.main(), queues.deadLetter())) {
            url(queue).ifPresent(url -> requireOwned(queue, url));
          }
          String deadLetterUrl =
              url(queues.deadLetter())
                  .orElseGet(
                      () -> {
                        created.add(queues.deadLetter());
                        return sqs.createQueue(
                                r -> r.queueName(queues.deadLetter()).tags(ownerTag()))
                            .queueUrl();
                      });
          if (url(queues.main()).isEmpty()) {
            String arn =
                sqs.getQueueAttributes(
                        r -> r.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sqs.createQueue(
                r ->
                    r.queueName(queues.main())
                        .tags(ownerTag())
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(arn))));
            created.add(queues.main());
          }
          return new QueueSurvey(created, DECLARED_AS);
        });
  }

  @Override
  public QueueSurvey declareQueues(TenantQueues queues) throws BrokerException {
    return ensureQueues(queues);
  }

  @Override
  public QueueBacklog backlog(TenantQueues queues) throws BrokerException {
    return call(
        () -> {
          var main = attributes(queues.main());
          var deadLetter = attributes(queues.deadLetter());
          return new QueueBacklog(
              count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                  + count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
              0,
              count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
              count(deadLetter, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                  + count(
                      deadLetter, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
              -1);
        });
  }

  /**
   * SQS has no conditional delete: each queue is re-checked just before its delete (SQS's counts
   * are approximate, so this narrows the window the operator's drain checks leave, no more).
   */
  @Override
  public void deleteQueues(TenantQueues queues, boolean evenIfNotEmpty) throws BrokerException {
    call(
        () -> {
          for (String queue : List.of(queues.main(), queues.deadLetter())) {
            Optional<String> url = url(queue).filter(u -> owns(u));
            if (url.isEmpty()) {
              continue;
            }
            var depth = attributes(queue);
            long held = DEPTH_ATTRIBUTES.stream().mapToLong(a -> count(depth, a)).sum();
            if (held > 0 && !evenIfNotEmpty) {
              throw new QueueNotEmptyException(
                  "queue " + queue + " holds " + held + " messages", null);
            }
            sqs.deleteQueue(r -> r.queueUrl(url.get()));
          }
          return null;
        });
  }

  private Optional<String> url(String queue) {
    try {
      return Optional.of(sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl());
    } catch (QueueDoesNotExistException e) {
      return Optional.empty();
    }
  }

  /** Fails with `NameConflict` unless the queue is the owner's; tags one made before owners. */
  private void requireOwned(String queue, String url) {
    Optional<String> recorded = recordedOwner(url);
    owner.require("SQS queue " + queue, recorded);
    if (owner.claims(recorded)) {
      sqs.tagQueue(r -> r.queueUrl(url).tags(ownerTag()));
    }
  }

  private boolean owns(String url) {
    return owner.owns(recordedOwner(url));
  }

  private Optional<String> recordedOwner(String url) {
    return Optional.ofNullable(sqs.listQueueTags(r -> r.queueUrl(url)).tags().get(OWNER_TAG));
  }

  private Map<String, String> ownerTag() {
    return Map.of(OWNER_TAG, owner.uid());
  }

  /** The depth of the queue if it is the owner's; what is not its holds nothing of its. */
  private Map<QueueAttributeName, String> attributes(String queue) {
    return url(queue)
        .filter(this::owns)
        .map(
            url ->
                sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(DEPTH_ATTRIBUTES))
                    .attributes())
        .orElse(Map.of());
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  interface SqsWork<T> {
    T run() throws BrokerException;
  }

  static <T> T call(SqsWork<T> work) throws BrokerException {
    try {
      return work.run();
    } catch (SdkClientException e) {
      throw new BrokerException(
          BrokerException.Failure.UNAVAILABLE, "SQS is unreachable: " + e.getMessage(), e);
    } catch (AwsServiceException e) {
      int status = e.statusCode();
      throw new BrokerException(
          status == 401 || status == 403
              ? BrokerException.Failure.AUTH_FAILED
              : status >= 500 || e.isThrottlingException()
                  ? BrokerException.Failure.UNAVAILABLE
                  : BrokerException.Failure.REJECTED,
          "SQS refused: " + e.getMessage(),
          e);
    } catch (SdkException e) {
      throw new BrokerException(BrokerException.Failure.UNAVAILABLE, "SQS failed: " + e, e);
    }
  }
}
