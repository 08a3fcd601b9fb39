package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.RabbitQueueType;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.DeadLetterRedrive;
import io.stevedore.operator.broker.RabbitDeadLetterRedrive;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.SqsDeadLetterRedrive;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.platform.ResourceOwner;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.storage.MySqlEndpoint;
import io.stevedore.operator.storage.TenantConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one reconciliation of a Tenant shares with its dependents (through the workflow's context):
 * its Environment, the names of what it has, the platform's clients, the time, and what the
 * dependents re-created and how long they took.
 */
final class TenantScope {
  private static final String KEY = TenantScope.class.getName();

  final Tenant tenant;
  final Environment environment;
  final TenantNames names;
  final PlatformClients platform;
  final Instant now;
  private final Map<String, List<String>> created = new ConcurrentHashMap<>();
  private final Map<String, Long> nanos = new ConcurrentHashMap<>();
  private final Map<Object, Object> states = new ConcurrentHashMap<>();
  private final boolean isolationAllowed;
  private final List<String> keptForeign = new CopyOnWriteArrayList<>();
  private volatile TenantSecret.Desired secret;
  private volatile DeclaredConfiguration.Result declaredConfiguration;
  private volatile ConfigurationOutcome configuration;

  TenantScope(Tenant tenant, Environment environment, PlatformClients platform, Instant now) {
    this(tenant, environment, platform, now, true);
  }

  /**
   * @param isolationAllowed whether this operator may make tenant namespaces (see {@link
   *     IsolationNotAllowed})
   */
  TenantScope(
      Tenant tenant,
      Environment environment,
      PlatformClients platform,
      Instant now,
      boolean isolationAllowed) {
    this.isolationAllowed = isolationAllowed;
    this.tenant = tenant;
    this.environment = environment;
    this.names = TenantNames.of(tenant, environment);
    this.platform = platform;
    this.now = now;
  }

  /** Makes this scope the one the dependents of {@code context}'s reconciliation see. */
  TenantScope attach(Context<Tenant> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    return this;
  }

  static TenantScope of(Context<Tenant> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, TenantScope.class);
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

  /** The RabbitMQ virtual host of the tenants' queues. */
  String vhost() {
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    return rabbit == null || rabbit.getVhost() == null ? "/" : rabbit.getVhost();
  }

  /** Whether the Environment gives every tenant a namespace of its own, and this operator may. */
  boolean isolated() {
    return isolationAllowed && TenantIsolation.enabled(environment);
  }

  /** Whether offboarding removes the tenant's data: it is being deleted with policy Delete. */
  boolean removesData() {
    return tenant.isMarkedForDeletion()
        && tenant.getSpec().getDeletionPolicy() == DeletionPolicy.Delete;
  }

  /** Whether the condition was True in the status the operator last wrote. */
  boolean wasReady(String condition) {
    return tenant.getStatus() != null
        && Conditions.isTrue(tenant.getStatus().getConditions(), condition);
  }

  /**
   * The tenant as the owner of an external resource. One that records no owner is its own only if
   * the tenant was provisioned before (status `queuesProvisioned`, which stays once set): made for
   * it by an operator from before owners were recorded.
   */
  ResourceOwner owner() {
    return new ResourceOwner(tenant.getMetadata().getUid(), queuesProvisionedBefore());
  }

  /** Whether the condition has {@code reason} in the status the operator last wrote. */
  boolean hadReason(String condition, String reason) {
    return tenant.getStatus() != null
        && Conditions.find(tenant.getStatus().getConditions(), condition)
            .map(c -> reason.equals(c.getReason()))
            .orElse(false);
  }

  /** Whether the tenant's queues were made before (drift is possible), as status says. */
  boolean queuesProvisionedBefore() {
    return tenant.getStatus() != null
        && Boolean.TRUE.equals(tenant.getStatus().getQueuesProvisioned());
  }

  /**
   * How the Environment wants its tenants' RabbitMQ queues declared (quorum unless it opts out).
   */
  RabbitQueueSettings rabbitQueueSettings() {
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    var type =
        rabbit != null && rabbit.getQueueType() == RabbitQueueType.Classic
            ? RabbitQueueSettings.QueueType.CLASSIC
            : RabbitQueueSettings.QueueType.QUORUM;
    int limit =
        rabbit == null || rabbit.getDeliveryLimit() == null
            ? RabbitQueueSettings.DEFAULT_DELIVERY_LIMIT
            : rabbit.getDeliveryLimit();
    return new RabbitQueueSettings(type, limit);
  }

  /** Whether the Tenant carries the annotation that lets offboarding delete non-empty queues. */
  boolean deletesNonEmptyQueues() {
    var annotations = tenant.getMetadata().getAnnotations();
    return annotations != null
        && "true".equalsIgnoreCase(annotations.get(OffboardingDecision.DELETE_NON_EMPTY));
  }

  RabbitEndpoint rabbit() throws CredentialsNotFoundException {
    return platform.endpoints().rabbit(environment);
  }

  MySqlEndpoint mysql() throws CredentialsNotFoundException {
    return platform.endpoints().mysql(environment);
  }

  TenantQueueBroker broker() throws CredentialsNotFoundException {
    return platform.tenantServices().queues(environment, rabbitQueueSettings(), owner());
  }

  /** The broker's users, who log in to read tenants' queues. */
  BrokerUserAdmin brokerUserAdmin() {
    return platform.tenantServices().brokerUsers();
  }

  /** Tenants' configuration rows in MySQL. */
  TenantConfigs configs() {
    return platform.tenantServices().configs();
  }

  /** Moves the tenant's dead letters back to its main queue, on its Environment's broker. */
  DeadLetterRedrive redrive() throws CredentialsNotFoundException {
    if (onRabbit()) {
      return new RabbitDeadLetterRedrive(platform.rabbit(), rabbit());
    }
    var sqs = environment.getSpec().getBroker().getSqs();
    return new SqsDeadLetterRedrive(platform.sqs().client(sqs.getRegion(), sqs.getEndpoint()));
  }

  DynamoDbClient dynamo() {
    return platform.tenantServices().dynamoDb(environment);
  }

  /** The tenant's Secret as its dependent computed it this reconciliation. */
  Optional<TenantSecret.Desired> secret() {
    return Optional.ofNullable(secret);
  }

  void secret(TenantSecret.Desired desired) {
    this.secret = desired;
  }

  /** The rules and agent configuration the tenant declares, merged and checked (computed once). */
  DeclaredConfiguration.Result declaredConfiguration() {
    if (declaredConfiguration == null) {
      declaredConfiguration = DeclaredConfiguration.of(environment, tenant);
    }
    return declaredConfiguration;
  }

  /** What this reconciliation did with the declared configuration, once its dependent ran. */
  Optional<ConfigurationOutcome> configuration() {
    return Optional.ofNullable(configuration);
  }

  void configuration(ConfigurationOutcome outcome) {
    this.configuration = outcome;
  }

  /** The credentials in the tenant's Secret, once its dependent has computed it. */
  Optional<TenantCredentials> credentials() {
    return secret().map(TenantSecret.Desired::credentials);
  }

  /** Records what {@code dependent} observed or made of its resource. */
  void state(Object dependent, Object resource) {
    states.put(dependent, resource);
  }

  /** What {@code dependent} last observed or made of its resource in this reconciliation. */
  <R> Optional<R> state(Object dependent, Class<R> type) {
    return Optional.ofNullable(states.get(dependent)).filter(type::isInstance).map(type::cast);
  }

  /** Records that offboarding left {@code what} alone: it has the tenant's name, not its owner. */
  void keptForeign(String what) {
    keptForeign.add(what);
  }

  /** What offboarding left alone because it is not the tenant's. */
  List<String> keptForeign() {
    return List.copyOf(keptForeign);
  }

  /** Records that a dependent behind {@code condition} created {@code what}. */
  void created(String condition, List<String> what) {
    if (!what.isEmpty()) {
      created.merge(
          condition,
          List.copyOf(what),
          (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
          });
    }
  }

  /** What the dependents behind {@code condition} created in this reconciliation. */
  List<String> created(String condition) {
    return created.getOrDefault(condition, List.of());
  }

  /** Runs a dependent's work, adding its time to {@code condition}'s. */
  <T> T timed(String condition, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.merge(condition, System.nanoTime() - start, Long::sum);
    }
  }

  /** How long the dependents behind {@code condition} took; null when none ran. */
  Long nanos(String condition) {
    return nanos.get(condition);
  }
}
