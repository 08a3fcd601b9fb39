package io.stevedore.operator.platform;

import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.RabbitTenantQueues;
import io.stevedore.operator.broker.SqsTenantQueues;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.storage.TenantConfigs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Environment's own services (RabbitMQ or SQS, DynamoDB, MySQL), through the operator's
 * clients.
 */
record LiveTenantServices(PlatformClients platform) implements TenantServices {

  @Override
  public TenantQueueBroker queues(
      Environment environment, RabbitQueueSettings settings, ResourceOwner owner)
      throws CredentialsNotFoundException {
    if (environment.getSpec().getBroker().getType() == BrokerType.RabbitMQ) {
      return new RabbitTenantQueues(
          platform.rabbit(),
          platform.management(),
          platform.endpoints().rabbit(environment),
          settings,
          owner);
    }
    var sqs = environment.getSpec().getBroker().getSqs();
    return new SqsTenantQueues(platform.sqs().client(sqs.getRegion(), sqs.getEndpoint()), owner);
  }

  @Override
  public BrokerUserAdmin brokerUsers() {
    return platform.management();
  }

  @Override
  public DynamoDbClient dynamoDb(Environment environment) {
    var dynamo = environment.getSpec().getStorage().getDynamodb();
    return platform.dynamoDb().client(dynamo.getRegion(), dynamo.getEndpoint());
  }

  @Override
  public TenantConfigs configs() {
    return platform.tenantConfig();
  }
}
