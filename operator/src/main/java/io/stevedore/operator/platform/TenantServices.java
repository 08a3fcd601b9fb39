package io.stevedore.operator.platform;

import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.storage.TenantConfigs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The services a Tenant's dependents provision on (queues, broker users, the record table, the
 * configuration rows): the Environment's live services, or in-memory ones where a whole platform
 * does not fit (`./stevedore bench scale`).
 */
public interface TenantServices {

  /** The tenant's queues on the Environment's broker, made for {@code owner}. */
  TenantQueueBroker queues(
      Environment environment, RabbitQueueSettings settings, ResourceOwner owner)
      throws CredentialsNotFoundException;

  /** The broker's users (RabbitMQ with a management API). */
  BrokerUserAdmin brokerUsers();

  /** DynamoDB in the Environment's region (and endpoint, when it names one). */
  DynamoDbClient dynamoDb(Environment environment);

  /** Tenants' configuration rows in the Environment's MySQL database. */
  TenantConfigs configs();
}
