package io.stevedore.operator.testing;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stevedore.operator.api.v1alpha1.BrokerSpec;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.ConnectionSecretRef;
import io.stevedore.operator.api.v1alpha1.CredentialsSecretRef;
import io.stevedore.operator.api.v1alpha1.DynamoDbSpec;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentSpec;
import io.stevedore.operator.api.v1alpha1.MySqlSpec;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionSpec;
import io.stevedore.operator.api.v1alpha1.RabbitMqSpec;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import io.stevedore.operator.api.v1alpha1.StorageSpec;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantSpec;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.api.v1alpha1.WorkerPoolSpec;
import java.util.Map;

/** Valid resources to start tests from; each test changes only what it is about. */
public final class Fixtures {
  public static final String TIER = "stevedore.io/tier";

  private Fixtures() {}

  public static Environment environment(String namespace, String name) {
    var rabbit = new RabbitMqSpec();
    rabbit.setUrl("amqp://rabbitmq.messaging.svc:5672");
    var credentials = new CredentialsSecretRef();
    credentials.setName(name + "-rabbitmq");
    rabbit.setCredentialsSecretRef(credentials);
    var broker = new BrokerSpec();
    broker.setType(BrokerType.RabbitMQ);
    broker.setRabbitmq(rabbit);
    var dynamo = new DynamoDbSpec();
    dynamo.setRegion("eu-west-1");
    dynamo.setTablePrefix(name + "-");
    // Nothing listens there: tests without platform services never reach out of this machine.
    dynamo.setEndpoint("http://127.0.0.1:9");
    var mysqlSecret = new ConnectionSecretRef();
    mysqlSecret.setName(name + "-mysql");
    var mysql = new MySqlSpec();
    mysql.setConnectionSecretRef(mysqlSecret);
    var storage = new StorageSpec();
    storage.setDynamodb(dynamo);
    storage.setMysql(mysql);
    var spec = new EnvironmentSpec();
    spec.setRelease(new Release("1.0.0", "registry.example/runtime:1.0.0"));
    spec.setBroker(broker);
    spec.setStorage(storage);
    var environment = new Environment();
    environment.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    environment.setSpec(spec);
    return environment;
  }

  /** The Secret with the machine's RabbitMQ credentials (guest/guest), named local-rabbitmq. */
  public static Secret localRabbitCredentials(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("local-rabbitmq")
        .withNamespace(namespace)
        .endMetadata()
        .withStringData(Map.of("username", "guest", "password", "guest"))
        .build();
  }

  /**
   * An Environment on the machine's RabbitMQ: AMQP on 127.0.0.1:{@code amqpPort} (5672, or a
   * TcpProxy's port), its management API, the {@link #localRabbitCredentials} Secret.
   */
  public static Environment localRabbitEnvironment(String namespace, String name, int amqpPort) {
    var environment = environment(namespace, name);
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    rabbit.setUrl("amqp://127.0.0.1:" + amqpPort);
    rabbit.setManagementUrl("http://127.0.0.1:15672");
    rabbit.getCredentialsSecretRef().setName("local-rabbitmq");
    return environment;
  }

  /**
   * A pool of environment {@code environment} selecting tenants labelled with tier {@code tier}.
   */
  public static WorkerPool workerPool(
      String namespace, String name, String environment, String tier) {
    var spec = new WorkerPoolSpec();
    spec.setEnvironment(environment);
    spec.setTenantSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(TIER, tier)).build());
    spec.setScaling(scaling(1, 5));
    var pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    pool.setSpec(spec);
    return pool;
  }

  /** {@code tenant} as the operator reports it once its queues exist (for pure tests). */
  public static Tenant provisioned(Tenant tenant) {
    var status = new io.stevedore.operator.api.v1alpha1.TenantStatus();
    status.setQueuesProvisioned(true);
    tenant.setStatus(status);
    return tenant;
  }

  /** Scaling between {@code min} and {@code max}, every other knob at its default. */
  public static ScalingSpec scaling(int min, int max) {
    var scaling = new ScalingSpec();
    scaling.setMinReplicas(min);
    scaling.setMaxReplicas(max);
    return scaling;
  }

  public static Tenant tenant(
      String namespace, String name, String environment, String pool, String tier) {
    var spec = new TenantSpec();
    spec.setEnvironment(environment);
    spec.setWorkerPool(pool);
    var tenant = new Tenant();
    tenant.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(Map.of(TIER, tier))
            .build());
    tenant.setSpec(spec);
    return tenant;
  }

  /** A promotion of {@code release} to {@code environment}. */
  public static Promotion promotion(
      String namespace, String name, String environment, Release release) {
    var spec = new PromotionSpec();
    spec.setEnvironment(environment);
    spec.setRelease(release);
    return promotion(namespace, name, spec);
  }

  /** A promotion to {@code environment} of what runs in {@code from}. */
  public static Promotion promotionFrom(
      String namespace, String name, String environment, String from) {
    var spec = new PromotionSpec();
    spec.setEnvironment(environment);
    spec.setFromEnvironment(from);
    return promotion(namespace, name, spec);
  }

  public static Release release(String version) {
    return new Release(version, "registry.example/runtime:" + version);
  }

  private static Promotion promotion(String namespace, String name, PromotionSpec spec) {
    var promotion = new Promotion();
    promotion.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    promotion.setSpec(spec);
    return promotion;
  }

  /**
   * Points {@code environment} at the machine's RabbitMQ (guest/guest, with its management API);
   * returns the credentials Secret to create with it.
   */
  public static io.fabric8.kubernetes.api.model.Secret onLocalRabbit(Environment environment) {
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    rabbit.setUrl("amqp://127.0.0.1:5672");
    rabbit.setManagementUrl("http://127.0.0.1:15672");
    return new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata()
        .withNamespace(environment.getMetadata().getNamespace())
        .withName(rabbit.getCredentialsSecretRef().getName())
        .endMetadata()
        .withStringData(Map.of("username", "guest", "password", "guest"))
        .build();
  }
}
