package io.stevedore.sandbox.chaos;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.RabbitQueueType;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Tenant, WorkerPool, Environment and Promotion specs from jqwik generators, valid and invalid in
 * every field the operator reads: references to objects that exist or not, unreachable or malformed
 * endpoints, out-of-range and contradictory numbers, missing parts. Seeded: the same run each time.
 */
final class SpecGenerators {
  /** A valid Environment and WorkerPool that generated specs may refer to. */
  static final String BASE = "base";

  private static final int GEN_SIZE = 100;

  /** Percent of draws that take a field's valid value. */
  private static final int VALID_WEIGHT = 88;

  private final PrivateServices services;
  private final String namespace;
  private final Random random;

  SpecGenerators(PrivateServices services, String namespace, Random random) {
    this.services = services;
    this.namespace = namespace;
    this.random = random;
  }

  /** The {@code i}th spec: Environment, WorkerPool, Tenant and Promotion in turn. */
  HasMetadata next(int i) {
    String name = "g" + i;
    return switch (i % 4) {
      case 0 -> environment(name);
      case 1 -> workerPool(name);
      case 2 -> tenant(name);
      default -> promotion(name);
    };
  }

  private Environment environment(String name) {
    var environment = services.environment(namespace, name);
    var spec = environment.getSpec();
    spec.setRelease(release());
    var rabbit = spec.getBroker().getRabbitmq();
    rabbit.setUrl(pick(rabbit.getUrl(), rabbit.getUrl(), "amqp://127.0.0.1:1", "not a url", null));
    rabbit.setManagementUrl(
        pick(rabbit.getManagementUrl(), rabbit.getManagementUrl(), "http://127.0.0.1:1", null));
    rabbit.setVhost(pick("/", "/", "chaos-" + name, ""));
    rabbit.setQueueType(pick(RabbitQueueType.values()));
    rabbit.setDeliveryLimit(pick(20, 5, 0, -1, null));
    rabbit.getCredentialsSecretRef().setName(pick("local-rabbitmq", "local-rabbitmq", "missing"));
    var dynamo = spec.getStorage().getDynamodb();
    dynamo.setEndpoint(
        pick(dynamo.getEndpoint(), dynamo.getEndpoint(), "http://127.0.0.1:1", "::"));
    dynamo.setTablePrefix(pick(name + "-", name + "-", "", "bad prefix!", "x".repeat(300)));
    dynamo.setRegion(pick(dynamo.getRegion(), dynamo.getRegion(), "", "mars-north-9"));
    spec.getStorage()
        .getMysql()
        .getConnectionSecretRef()
        .setName(pick(BASE + "-mysql", BASE + "-mysql", "missing-mysql"));
    spec.getIngest().setReplicas(pick(1, 2, 0, -3));
    return environment;
  }

  private WorkerPool workerPool(String name) {
    var pool = Fixtures.workerPool(namespace, name, environmentRef(), pick("standard", "gold"));
    var scaling = pool.getSpec().getScaling();
    scaling.setMinReplicas(pick(0, 1, 3, -1));
    scaling.setMaxReplicas(pick(1, 2, 5, 0, 2000));
    scaling.setTargetDrainSeconds(pick(30, 1, 0, 100_000));
    if (random.nextInt(8) == 0) {
      pool.getSpec().setTenantSelector(null);
    }
    return pool;
  }

  private Tenant tenant(String name) {
    var tenant =
        Fixtures.tenant(
            namespace, name, environmentRef(), pick(BASE, BASE, "missing", ""), "standard");
    var spec = tenant.getSpec();
    spec.getPlan().setIngestRatePerSecond(pick(100, 1, 0, -5, 5_000_000));
    spec.getPlan().setMaxWorkers(pick(4, 1, 0));
    spec.setRetentionDays(pick(30, 1, 0, -1, 100_000));
    spec.setDeletionPolicy(pick(DeletionPolicy.values()));
    spec.setSuspended(pick(false, false, true));
    return tenant;
  }

  private Promotion promotion(String name) {
    var promotion = Fixtures.promotion(namespace, name, environmentRef(), release());
    var spec = promotion.getSpec();
    switch (random.nextInt(4)) {
      case 0 -> spec.setFromEnvironment(pick(BASE, "missing"));
      case 1 -> {
        spec.setRelease(null);
        spec.setFromEnvironment(pick(BASE, "missing", null));
      }
      default -> {}
    }
    spec.setTtlSecondsAfterFinished(pick(null, 60, 0, -1));
    return promotion;
  }

  private String environmentRef() {
    return pick(BASE, BASE, "missing", "", "Not_A_Name");
  }

  private Release release() {
    return new Release(
        pick("1.0.0", "1.2.3", "2.0.0-rc.1", "", "not a version"),
        pick("registry.example/runtime:1.0.0", "", "has spaces in it", null));
  }

  /**
   * The first of {@code choices} (a valid value) most of the time, otherwise one of the others:
   * drawn by jqwik from this run's seeded random. With every field of a spec drawn this way, about
   * a third of the specs are valid throughout and the rest are wrong in one field or a few.
   */
  @SafeVarargs
  private <T> T pick(T... choices) {
    int roll = draw(Arbitraries.integers().between(0, 99));
    int index =
        roll < VALID_WEIGHT || choices.length == 1
            ? 0
            : draw(Arbitraries.integers().between(1, choices.length - 1));
    return Arrays.asList(choices).get(index);
  }

  private int draw(Arbitrary<Integer> arbitrary) {
    return arbitrary.generator(GEN_SIZE).next(random).value();
  }
}
