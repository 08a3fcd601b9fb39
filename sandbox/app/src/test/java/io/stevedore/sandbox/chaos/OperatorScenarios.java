package io.stevedore.sandbox.chaos;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/** The scenarios about the operator: killed while it provisions, and fed generated specs. */
final class OperatorScenarios {
  private final OperatorPlatform platform;
  private final ChaosSettings settings;
  private final PrintStream log;
  private final Random random;

  OperatorScenarios(OperatorPlatform platform, ChaosSettings settings, PrintStream log, long seed) {
    this.platform = platform;
    this.settings = settings;
    this.log = log;
    this.random = new Random(seed);
  }

  /**
   * The operator SIGKILLed at random moments while Tenants are created and some deleted; afterwards
   * every Tenant is Ready or gone, and nothing of a gone one is left.
   */
  ScenarioResult operatorKills() throws Exception {
    String namespace = "churn";
    var client = platform.client();
    platform.createNamespace(namespace);
    platform.services().createEnvironment(client, namespace, namespace);
    var pool = Fixtures.workerPool(namespace, "standard", namespace, "standard");
    pool.getSpec().setScaling(Fixtures.scaling(1, 2));
    client.resource(pool).create();
    int crashesBefore = platform.operator().crashes();
    // The operator is killed while the Tenants come and go, at moments a random distance apart.
    var mutations = CompletableFuture.runAsync(() -> createAndDelete(namespace));
    for (int kill = 1; kill <= settings.operatorKills(); kill++) {
      pause(Duration.ofMillis(2_000 + random.nextInt(6_000)));
      platform.operator().kill();
      platform.operator().start();
      log.printf("  operator kill %d/%d%n", kill, settings.operatorKills());
    }
    mutations.join();
    Set<String> tenants = Set.of();
    List<String> notReady = List.of();
    List<String> orphans = List.of();
    try {
      Waits.until(
          settings.settle(), Duration.ofSeconds(2), () -> settled(namespace), Settled::clean);
    } catch (ConditionTimeoutException e) {
      // Reported below from a last look.
    }
    var last = settled(namespace);
    tenants = last.tenants();
    notReady = last.notReady();
    orphans = last.orphans();
    List<String> problems = new ArrayList<>();
    if (!notReady.isEmpty()) {
      problems.add("not Ready: " + String.join(", ", notReady));
    }
    orphans.forEach(o -> problems.add("orphan " + o));
    var unhandled = platform.operator().unhandledFailures();
    return new ScenarioResult(
        "operator SIGKILL x" + settings.operatorKills(),
        0,
        0,
        0,
        0,
        orphans.size(),
        platform.operator().crashes() - crashesBefore,
        problems,
        "tenants_created=%d deleted=%d remaining=%d operator_error_log_lines=%d"
            .formatted(
                settings.tenantsCreated(),
                settings.tenantsDeleted(),
                tenants.size(),
                unhandled.size()));
  }

  /** Creates the Tenants one after another, deleting one every so often. */
  private void createAndDelete(String namespace) {
    var client = platform.client();
    List<String> created = new ArrayList<>();
    int deleteEvery =
        Math.max(1, settings.tenantsCreated() / Math.max(1, settings.tenantsDeleted()));
    int deleted = 0;
    for (int i = 0; i < settings.tenantsCreated(); i++) {
      String name = "t" + i;
      var tenant = Fixtures.tenant(namespace, name, namespace, "standard", "standard");
      tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
      client.resource(tenant).create();
      created.add(name);
      if ((i + 1) % deleteEvery == 0 && deleted < settings.tenantsDeleted()) {
        String victim = created.remove(random.nextInt(created.size()));
        client.resources(Tenant.class).inNamespace(namespace).withName(victim).delete();
        deleted++;
      }
      pauseQuietly(Duration.ofMillis(50 + random.nextInt(200)));
    }
  }

  /** Tenants that exist, those of them not Ready, and what is left of the others. */
  private record Settled(Set<String> tenants, List<String> notReady, List<String> orphans) {
    boolean clean() {
      return notReady.isEmpty() && orphans.isEmpty();
    }
  }

  private Settled settled(String namespace) throws Exception {
    var items = platform.client().resources(Tenant.class).inNamespace(namespace).list().getItems();
    Set<String> names =
        items.stream().map(t -> t.getMetadata().getName()).collect(Collectors.toSet());
    List<String> notReady =
        items.stream().filter(t -> !ready(t)).map(t -> t.getMetadata().getName()).sorted().toList();
    var orphans =
        TenantLeftovers.of(
            platform.services(), platform.dynamo().client(), namespace, namespace + "-", names);
    return new Settled(new HashSet<>(names), notReady, orphans);
  }

  private static boolean ready(Tenant tenant) {
    return tenant.getMetadata().getDeletionTimestamp() == null
        && tenant.getStatus() != null
        && Conditions.isTrue(tenant.getStatus().getConditions(), Conditions.READY);
  }

  /** 1,000 generated specs, valid and invalid: each gets a verdict, the operator keeps running. */
  ScenarioResult generatedSpecs() throws Exception {
    String namespace = "specs";
    var client = platform.client();
    platform.createNamespace(namespace);
    platform.services().createEnvironment(client, namespace, SpecGenerators.BASE);
    client
        .resource(
            Fixtures.workerPool(namespace, SpecGenerators.BASE, SpecGenerators.BASE, "standard"))
        .create();
    int crashesBefore = platform.operator().crashes();
    int failuresBefore = platform.operator().unhandledFailures().size();
    var generators = new SpecGenerators(platform.services(), namespace, random);
    List<HasMetadata> applied = new ArrayList<>();
    int rejectedByApi = 0;
    for (int i = 0; i < settings.generatedSpecs(); i++) {
      HasMetadata spec = generators.next(i);
      try {
        applied.add(client.resource(spec).create());
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() < 400 || e.getCode() >= 500) {
          throw e;
        }
        rejectedByApi++;
      }
    }
    log.printf(
        "  %d specs applied, %d rejected by the API's schema%n", applied.size(), rejectedByApi);
    var verdicts = new SpecVerdicts(client, namespace);
    try {
      Waits.until(
          settings.settle(), Duration.ofSeconds(3), () -> verdicts.without(applied), List::isEmpty);
    } catch (ConditionTimeoutException e) {
      // Reported below from a last look.
    }
    List<String> problems = new ArrayList<>();
    var pending = verdicts.without(applied);
    if (!pending.isEmpty()) {
      problems.add(
          pending.size()
              + " without a verdict, e.g. "
              + pending.subList(0, Math.min(5, pending.size())));
    }
    var unhandled = platform.operator().unhandledFailures();
    unhandled.subList(failuresBefore, unhandled.size()).stream()
        .limit(10)
        .forEach(line -> problems.add("operator log: " + line));
    int newFailures = unhandled.size() - failuresBefore;
    if (newFailures > 10) {
      problems.add((newFailures - 10) + " more error lines in the operator's log");
    }
    return new ScenarioResult(
        "generated specs x" + settings.generatedSpecs(),
        0,
        0,
        0,
        0,
        0,
        platform.operator().crashes() - crashesBefore,
        problems,
        "applied=%d rejected_by_api=%d %s"
            .formatted(applied.size(), rejectedByApi, verdicts.summary(applied)));
  }

  /** A deliberate wait: a random moment to strike. */
  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static void pauseQuietly(Duration duration) {
    try {
      pause(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
