package io.stevedore.operator.simulated;

import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.platform.ResourceOwner;
import io.stevedore.operator.platform.TenantServices;
import io.stevedore.operator.storage.TenantConfigs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The services tenants are provisioned on, in memory, shared by every Environment (one broker, one
 * DynamoDB account, one MySQL server): where 10,000 tenants' queues and tables do not fit a small
 * machine. An operator restarted on the same instance finds what the previous one made.
 */
public final class SimulatedPlatform implements TenantServices {
  public final SimulatedQueues queues = new SimulatedQueues();
  public final SimulatedBrokerUsers users = new SimulatedBrokerUsers();
  public final SimulatedDynamoDb dynamoDb = new SimulatedDynamoDb();
  public final SimulatedTenantConfigs configs = new SimulatedTenantConfigs();

  @Override
  public TenantQueueBroker queues(
      Environment environment, RabbitQueueSettings settings, ResourceOwner owner) {
    return queues.forTenant(settings, owner);
  }

  @Override
  public BrokerUserAdmin brokerUsers() {
    return users;
  }

  @Override
  public DynamoDbClient dynamoDb(Environment environment) {
    return dynamoDb;
  }

  @Override
  public TenantConfigs configs() {
    return configs;
  }

  /** What exists, e.g. `30000 queues, 10000 users, 10000 tables, 10000 registrations`. */
  @Override
  public String toString() {
    return queues.count()
        + " queues, "
        + users.count()
        + " broker users, "
        + dynamoDb.count()
        + " tables, "
        + configs.count()
        + " registrations";
  }
}
