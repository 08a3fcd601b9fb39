package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One scaled pool in a namespace of its own, against the harness: the Environment "local", the
 * WorkerPool "pool" and its tenant "acme"; helpers to read and change them.
 */
final class ScalingWorld {
  static final String POOL = "pool";
  static final String TENANT = "acme";

  final OperatorHarness harness;
  final String ns;

  ScalingWorld(OperatorHarness harness) {
    this.harness = harness;
    this.ns = harness.newNamespace();
  }

  /** Creates the Environment (changed by {@code environment}), pool and tenant. */
  void create(UnaryOperator<Environment> environment, Consumer<ScalingSpec> scaling) {
    harness.create(Fixtures.localRabbitCredentials(ns));
    harness.create(environment.apply(Fixtures.localRabbitEnvironment(ns, "local", 5672)));
    var pool = Fixtures.workerPool(ns, POOL, "local", "standard");
    // Tests wait for scale-in: no stabilization window, the rest at its defaults.
    pool.getSpec().getScaling().setBehavior(behaviorWithoutScaleDownWindow());
    scaling.accept(pool.getSpec().getScaling());
    harness.create(pool);
    var tenant = Fixtures.tenant(ns, TENANT, "local", POOL, "standard");
    // Its plan must not be what limits the pool (plan.maxWorkers defaults to 4).
    tenant.getSpec().getPlan().setMaxWorkers(10);
    harness.create(tenant);
  }

  /** The Environment on the machine's RabbitMQ, its AMQP reached on {@code port}. */
  static UnaryOperator<Environment> rabbitOn(int port) {
    return env -> {
      env.getSpec().getBroker().getRabbitmq().setUrl("amqp://127.0.0.1:" + port);
      return env;
    };
  }

  WorkerPool pool() {
    return harness.client().resources(WorkerPool.class).inNamespace(ns).withName(POOL).get();
  }

  Deployment workers() {
    return harness.client().apps().deployments().inNamespace(ns).withName(POOL + "-workers").get();
  }

  int replicas() {
    return workers().getSpec().getReplicas();
  }

  /** Replaces the pool's annotations. */
  void annotate(Map<String, String> annotations) {
    harness.edit(WorkerPool.class, ns, POOL, p -> p.getMetadata().setAnnotations(annotations));
  }

  /** Sets the pool's tenant's plan.maxWorkers. */
  void tenantMaxWorkers(int maxWorkers) {
    harness.edit(Tenant.class, ns, TENANT, t -> t.getSpec().getPlan().setMaxWorkers(maxWorkers));
  }

  /**
   * Pauses the reconciliation of the pool's tenant, so that its drift repair does not bring back
   * what a test removes from the broker; returns once the operator says it is paused.
   */
  void pauseTenantReconciliation() {
    var tenants = harness.client().resources(Tenant.class).inNamespace(ns).withName(TENANT);
    harness.edit(
        Tenant.class,
        ns,
        TENANT,
        t -> {
          var annotations = new java.util.HashMap<String, String>();
          if (t.getMetadata().getAnnotations() != null) {
            annotations.putAll(t.getMetadata().getAnnotations());
          }
          annotations.put(ReconciliationPause.ANNOTATION, "true");
          t.getMetadata().setAnnotations(annotations);
        });
    OperatorHarness.eventually()
        .until(
            () ->
                tenants.get().getStatus() != null
                    && Conditions.isTrue(
                        tenants.get().getStatus().getConditions(), ReconciliationPause.CONDITION));
  }

  /** Asserts the pool's condition {@code type} has {@code status} and {@code reason}. */
  void assertCondition(String type, boolean status, String reason) {
    var condition =
        Conditions.find(pool().getStatus().getConditions(), type)
            .orElseThrow(() -> new AssertionError("no condition " + type));
    assertThat(condition.getStatus())
        .as("%s: %s", type, condition.getMessage())
        .isEqualTo(status ? "True" : "False");
    assertThat(condition.getReason()).as("%s: %s", type, condition.getMessage()).isEqualTo(reason);
  }

  boolean hasEvent(String reason) {
    return harness.events(ns, POOL).stream().map(Event::getReason).anyMatch(reason::equals);
  }

  private static io.stevedore.operator.api.v1alpha1.ScalingBehavior
      behaviorWithoutScaleDownWindow() {
    var behavior = new io.stevedore.operator.api.v1alpha1.ScalingBehavior();
    behavior.setScaleDown(new ScalingRules(0, null, null));
    return behavior;
  }
}
