package io.stevedore.operator.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.broker.RabbitConnections;
import io.stevedore.operator.broker.RabbitManagement;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.storage.MySqlConnections;
import io.stevedore.operator.storage.TenantConfigStore;
import io.stevedore.operator.storage.TenantConfigurationStore;
import java.time.Clock;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the operator uses to reach the platform's services (broker, DynamoDB, MySQL) and pods;
 * one instance per operator, closed with it.
 */
public final class PlatformClients implements AutoCloseable {
  private final PlatformEndpoints endpoints;
  private final RabbitConnections rabbit;
  private final RabbitManagement management = new RabbitManagement();
  private final AwsClients<SqsClient> sqs = AwsClients.of(SqsClient::builder);
  private final AwsClients<DynamoDbClient> dynamoDb = AwsClients.of(DynamoDbClient::builder);
  private final MySqlConnections mysql = new MySqlConnections();
  private final TenantConfigStore tenantConfig = new TenantConfigStore(mysql);
  private final TenantConfigurationStore tenantConfiguration = new TenantConfigurationStore(mysql);
  private final PodAddresses pods;
  private final TenantServices tenantServices;

  /**
   * @param identity the operator replica, named in the broker's connection list
   * @param pods how the operator reaches pods' management ports
   */
  public PlatformClients(KubernetesClient client, String identity, PodAddresses pods, Clock clock) {
    this(client, identity, pods, clock, PlatformClients::liveTenantServices);
  }

  /**
   * As {@link #PlatformClients(KubernetesClient, String, PodAddresses, Clock)}, with the services
   * tenants are provisioned on made by {@code tenantServices} (in-memory ones in a benchmark).
   */
  public PlatformClients(
      KubernetesClient client,
      String identity,
      PodAddresses pods,
      Clock clock,
      Function<PlatformClients, TenantServices> tenantServices) {
    this.endpoints = new PlatformEndpoints(client, clock);
    this.rabbit = new RabbitConnections("stevedore-operator " + identity);
    this.pods = pods;
    this.tenantServices = tenantServices.apply(this);
  }

  /** The Environments' own services, reached through {@code platform}'s clients. */
  public static TenantServices liveTenantServices(PlatformClients platform) {
    return new LiveTenantServices(platform);
  }

  /** The services a Tenant's dependents provision on. */
  public TenantServices tenantServices() {
    return tenantServices;
  }

  /** Endpoints and credentials of an Environment's services. */
  public PlatformEndpoints endpoints() {
    return endpoints;
  }

  /** AMQP connections, one per broker endpoint. */
  public RabbitConnections rabbit() {
    return rabbit;
  }

  /** The RabbitMQ management HTTP API. */
  public RabbitManagement management() {
    return management;
  }

  /** SQS clients by region and endpoint override. */
  public AwsClients<SqsClient> sqs() {
    return sqs;
  }

  /** DynamoDB clients by region and endpoint override. */
  public AwsClients<DynamoDbClient> dynamoDb() {
    return dynamoDb;
  }

  /** Pooled MySQL connections per database, whose schema is applied before first use. */
  public MySqlConnections mysql() {
    return mysql;
  }

  /** Tenants' configuration rows in MySQL. */
  public TenantConfigStore tenantConfig() {
    return tenantConfig;
  }

  /** The rules and agent configuration Tenants declare, in MySQL. */
  public TenantConfigurationStore tenantConfiguration() {
    return tenantConfiguration;
  }

  public PodAddresses pods() {
    return pods;
  }

  @Override
  public void close() {
    rabbit.close();
    sqs.close();
    dynamoDb.close();
    mysql.close();
  }
}
