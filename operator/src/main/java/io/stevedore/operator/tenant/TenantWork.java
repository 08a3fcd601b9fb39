package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitTenantQueues;
import io.stevedore.operator.broker.SqsTenantQueues;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.storage.MySqlEndpoint;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One reconciliation of one Tenant: the Tenant, its Environment, the names of what it has, and the
 * clients of its Environment's services, resolved once and shared by the steps.
 */
final class TenantWork {
  final Tenant tenant;
  final Environment environment;
  final TenantNames names;
  final Instant now;
  final PlatformClients platform;
  final Context<Tenant> context;
  private RabbitEndpoint rabbit;
  private MySqlEndpoint mysql;
  private TenantCredentials credentials;

  TenantWork(
      Tenant tenant,
      Environment environment,
      PlatformClients platform,
      Context<Tenant> context,
      Instant now) {
    this.tenant = tenant;
    this.environment = environment;
    this.names = TenantNames.of(tenant, environment);
    this.platform = platform;
    this.context = context;
    this.now = now;
  }

  boolean onRabbit() {
    return environment.getSpec().getBroker().getType() == BrokerType.RabbitMQ;
  }

  /** Whether tenants get broker users of their own: RabbitMQ with a management API. */
  boolean brokerUsers() {
    var rabbitSpec = environment.getSpec().getBroker().getRabbitmq();
    return onRabbit()
        && rabbitSpec != null
        && rabbitSpec.getManagementUrl() != null
        && !rabbitSpec.getManagementUrl().isBlank();
  }

  /** Whether the tenant's queues were made before (drift is possible), as status says. */
  boolean provisionedBefore() {
    return tenant.getStatus() != null
        && Boolean.TRUE.equals(tenant.getStatus().getQueuesProvisioned());
  }

  synchronized RabbitEndpoint rabbit() throws CredentialsNotFoundException {
    if (rabbit == null) {
      rabbit = platform.endpoints().rabbit(environment);
    }
    return rabbit;
  }

  synchronized MySqlEndpoint mysql() throws CredentialsNotFoundException {
    if (mysql == null) {
      mysql = platform.endpoints().mysql(environment);
    }
    return mysql;
  }

  TenantQueueBroker broker() throws CredentialsNotFoundException {
    if (onRabbit()) {
      return new RabbitTenantQueues(platform.rabbit(), platform.management(), rabbit());
    }
    var sqs = environment.getSpec().getBroker().getSqs();
    return new SqsTenantQueues(platform.sqs().client(sqs.getRegion(), sqs.getEndpoint()));
  }

  DynamoDbClient dynamo() {
    var dynamo = environment.getSpec().getStorage().getDynamodb();
    return platform.dynamoDb().client(dynamo.getRegion(), dynamo.getEndpoint());
  }

  /** The tenant's Secret as the informer has it. */
  Optional<Secret> existingSecret() {
    return context.getSecondaryResource(Secret.class);
  }

  /** The credentials in the tenant's Secret, once the Secret step has made it. */
  synchronized Optional<TenantCredentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  synchronized void credentials(TenantCredentials credentials) {
    this.credentials = credentials;
  }

  /** Whether the condition was True in the status the operator last wrote. */
  boolean wasReady(String condition) {
    return tenant.getStatus() != null
        && Conditions.isTrue(tenant.getStatus().getConditions(), condition);
  }
}
