package io.stevedore.operator.health;

import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.platform.TenantBrokerQueues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Reads the depth of each tenant's dead-letter queue on the Environment's broker: an exact ready
 * count on RabbitMQ (a passive declare), all messages SQS reports on SQS.
 */
final class DeadLetterDepths {
  /**
   * Depths by tenant; tenants whose dead-letter queue does not exist (not provisioned) are listed
   * in {@code missing}, not counted as empty.
   */
  record Depths(Map<String, Double> byTenant, List<String> missing) {}

  private final PlatformClients platform;

  DeadLetterDepths(PlatformClients platform) {
    this.platform = platform;
  }

  Depths read(Environment environment, List<Tenant> tenants) throws MeasurementException {
    Map<String, Double> depths = new HashMap<>();
    List<String> missing = new ArrayList<>();
    boolean rabbit = environment.getSpec().getBroker().getType() == BrokerType.RabbitMQ;
    try {
      var endpoint = rabbit ? platform.endpoints().rabbit(environment) : null;
      for (Tenant t : tenants) {
        String tenant = t.getMetadata().getName();
        String queue = TenantBrokerQueues.of(t, environment).deadLetter();
        try {
          depths.put(
              tenant,
              rabbit ? (double) rabbitDepth(endpoint, queue) : sqsDepth(environment, queue));
        } catch (QueueDoesNotExistException e) {
          missing.add(tenant);
        } catch (BrokerException e) {
          if (e.failure() != BrokerException.Failure.NOT_FOUND) {
            throw new MeasurementException("broker: " + e.getMessage(), e);
          }
          missing.add(tenant);
        }
      }
    } catch (CredentialsNotFoundException e) {
      throw new MeasurementException(e.getMessage(), e);
    } catch (SdkException e) {
      throw new MeasurementException("SQS: " + e.getMessage(), e);
    }
    return new Depths(depths, missing);
  }

  private long rabbitDepth(io.stevedore.operator.broker.RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    return platform.rabbit().inspect(endpoint, queue).getMessageCount();
  }

  private double sqsDepth(Environment environment, String queue) {
    var sqsSpec = environment.getSpec().getBroker().getSqs();
    var sqs = platform.sqs().client(sqsSpec.getRegion(), sqsSpec.getEndpoint());
    String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    var attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return attributes.values().stream().mapToDouble(Double::parseDouble).sum();
  }
}
