package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.SqsTenantQueues;
import io.stevedore.operator.platform.PlatformClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS queue depth through GetQueueAttributes: visible messages are ready, not visible ones are in
 * flight (received and not deleted, or waiting out a retry's visibility timeout), delayed ones are
 * reported apart. Every call has the foundation's 3 s budget.
 */
public final class SqsQueueObserver implements QueueObserver {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  private static final Set<String> AUTH_ERRORS =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException",
          "ExpiredToken",
          "InvalidAccessKeyId");

  private final PlatformClients clients;
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  public SqsQueueObserver(PlatformClients clients) {
    this.clients = clients;
  }

  @Override
  public QueueDepth observe(Environment environment, List<String> queues)
      throws ObservationException {
    var sqsSpec = environment.getSpec().getBroker().getSqs();
    SqsClient sqs = clients.sqs().client(sqsSpec.getRegion(), sqsSpec.getEndpoint());
    long visible = 0;
    long notVisible = 0;
    long delayed = 0;
    Map<String, Long> backlogByQueue = new HashMap<>();
    for (String queue : queues) {
      String key = sqsSpec.getRegion() + "|" + sqsSpec.getEndpoint() + "|" + queue;
      try {
        String url =
            urls.computeIfAbsent(
                key,
                k ->
                    sqs.getQueueUrl(
                            r ->
                                r.queueName(queue)
                                    .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT)))
                        .queueUrl());
        var attributes =
            sqs.getQueueAttributes(
                    r ->
                        r.queueUrl(url)
                            .attributeNames(SqsTenantQueues.DEPTH_ATTRIBUTES)
                            .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT)))
                .attributes();
        long queueVisible = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        long queueNotVisible =
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        visible += queueVisible;
        notVisible += queueNotVisible;
        backlogByQueue.put(queue, queueVisible + queueNotVisible);
        delayed += count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
      } catch (SdkException e) {
        urls.remove(key);
        throw new ObservationException(kind(e), "queue " + queue + ": " + describe(e), e);
      }
    }
    return new QueueDepth(
        queues.size(),
        visible,
        OptionalLong.of(notVisible),
        OptionalLong.of(delayed),
        OptionalInt.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        "",
        backlogByQueue);
  }

  static ObservationFailure.Kind kind(SdkException e) {
    if (e instanceof QueueDoesNotExistException
        || (e instanceof SqsException sqs
            && sqs.awsErrorDetails() != null
            && "AWS.SimpleQueueService.NonExistentQueue"
                .equals(sqs.awsErrorDetails().errorCode()))) {
      return ObservationFailure.Kind.QueueMissing;
    }
    if (e instanceof SqsException sqs
        && (sqs.statusCode() == 403
            || (sqs.awsErrorDetails() != null
                && AUTH_ERRORS.contains(sqs.awsErrorDetails().errorCode())))) {
      return ObservationFailure.Kind.AuthFailed;
    }
    if (e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().contains("Unable to load credentials")) {
      return ObservationFailure.Kind.AuthFailed;
    }
    return ObservationFailure.Kind.SourceUnavailable;
  }

  private static String describe(SdkException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name)
      throws ObservationException {
    String value = attributes.get(name);
    if (value == null) {
      throw new ObservationException(
          ObservationFailure.Kind.SourceUnavailable, "SQS answered without " + name, null);
    }
    return Long.parseLong(value);
  }
}
