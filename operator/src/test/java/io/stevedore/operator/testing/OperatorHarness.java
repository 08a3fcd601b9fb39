package io.stevedore.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.StevedoreStatus;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.status.Conditions;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded Kubernetes API with the operator running against it, as in the sandbox, for a test
 * class ({@code @RegisterExtension static final OperatorHarness harness = new OperatorHarness();});
 * each test works in a namespace of its own so that tests never depend on each other.
 */
public final class OperatorHarness implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  /** Tells this run's namespaces (and so its queues on the shared broker) from other runs'. */
  private static final String RUN =
      Long.toString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

  private final boolean withServices;
  private final PodAddresses pods;
  private final boolean watchingOnlyItsNamespaces;
  private final int watchedNamespaces;
  private final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Deque<String> reservedNamespaces = new ConcurrentLinkedDeque<>();
  private EmbeddedKubernetes kubernetes;
  private KubernetesClient operatorClient;
  private OperatorSettings settings;
  private SimulatedDeploymentController deployments;
  private StevedoreOperator operator;
  private PlatformServices services;

  /** The embedded API and the operator (reaching pods by their IP), and no platform services. */
  public OperatorHarness() {
    this(false, PodAddresses.CLUSTER);
  }

  /**
   * As {@link #OperatorHarness()}, the operator reaching pods' management ports through {@code
   * pods}.
   */
  public OperatorHarness(PodAddresses pods) {
    this(false, pods);
  }

  private OperatorHarness(boolean withServices, PodAddresses pods) {
    this(withServices, pods, 0);
  }

  private OperatorHarness(boolean withServices, PodAddresses pods, int watchedNamespaces) {
    this.withServices = withServices;
    this.pods = pods;
    this.watchingOnlyItsNamespaces = watchedNamespaces > 0;
    this.watchedNamespaces = watchedNamespaces;
    if (watchingOnlyItsNamespaces) {
      for (int i = 0; i < watchedNamespaces; i++) {
        reservedNamespaces.add(nextNamespaceName());
      }
    }
  }

  /**
   * This harness with the operator watching only the namespaces {@link #newNamespace()} hands out
   * (the chart's watchNamespaces): {@code count} of them, one per test (each watched namespace
   * costs an informer per kind at start). As with the chart, it may not isolate tenants then.
   */
  public OperatorHarness watchingOnlyItsNamespaces(int count) {
    return new OperatorHarness(withServices, pods, count);
  }

  /**
   * As {@link #OperatorHarness()}, with the real platform services (RabbitMQ with its management
   * API, MariaDB, DynamoDB Local) that {@link #platformNamespace()} points an Environment at; the
   * broker objects of this class's namespaces are deleted afterwards.
   */
  public static OperatorHarness withPlatformServices() {
    return new OperatorHarness(true, PodAddresses.CLUSTER);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (withServices) {
      services = new PlatformServices();
    }
    kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
    deployments = new SimulatedDeploymentController(kubernetes.client());
    settings = OperatorSettings.embedded("test");
    if (watchingOnlyItsNamespaces) {
      settings =
          settings.withWatchNamespaces(Set.copyOf(reservedNamespaces)).withoutTenantIsolation();
    }
    // Drift checks every few seconds, so tests see repairs without waiting out the default.
    // The operator has a client of its own, so that the calls it makes can be told from the test's.
    operatorClient = kubernetes.newClient(ApiCallRecording.USER_AGENT);
    operator =
        StevedoreOperator.start(
            operatorClient,
            withServices ? settings.withTenantResync(Duration.ofSeconds(3)) : settings,
            pods);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (operator != null) {
      operator.close();
    }
    operatorClient.close();
    ApiCallRecording.write(
        context.getRequiredTestClass().getName(),
        watchingOnlyItsNamespaces,
        kubernetes.calls().servedTo(ApiCallRecording.USER_AGENT),
        testNamespaces(),
        settings.leaseNamespace());
    deployments.close();
    kubernetes.close();
    if (services != null) {
      try {
        services.deleteBrokerObjects(namespaces);
      } finally {
        services.close();
      }
    }
  }

  /** The calls the operator's own client made so far; a null namespace is a cluster-scoped one. */
  public Set<io.stevedore.sandbox.cluster.apiserver.ApiCall> operatorCalls() {
    return kubernetes.calls().servedTo(ApiCallRecording.USER_AGENT);
  }

  /** The namespace the operator runs in (its Lease's, and its pods' in NetworkPolicies). */
  public String operatorNamespace() {
    return settings.leaseNamespace();
  }

  /** The platform services (only with {@link #withPlatformServices()}). */
  public PlatformServices services() {
    if (services == null) {
      throw new IllegalStateException("this harness runs without platform services");
    }
    return services;
  }

  /**
   * A new namespace with Environment `staging` on the platform services (and its Secrets), and
   * WorkerPool `standard` selecting tier `standard`.
   */
  public String platformNamespace() {
    String namespace = newNamespace();
    services().secrets(namespace, "staging").forEach(this::create);
    create(services().environment(namespace, "staging"));
    create(Fixtures.workerPool(namespace, "standard", "staging", "standard"));
    return namespace;
  }

  public KubernetesClient client() {
    return kubernetes.client();
  }

  /** Where the embedded API listens, for clients outside this process (kubectl). */
  public String apiUrl() {
    return kubernetes.url();
  }

  public String newNamespace() {
    String namespace = watchingOnlyItsNamespaces ? reservedNamespaces.poll() : nextNamespaceName();
    if (namespace == null) {
      throw new IllegalStateException(
          "this harness watches only its "
              + watchedNamespaces
              + " namespaces, all handed out: raise the count of watchingOnlyItsNamespaces");
    }
    kubernetes.createNamespace(namespace);
    namespaces.add(namespace);
    return namespace;
  }

  /** The namespaces handed out, and those watched though not handed out. */
  private Set<String> testNamespaces() {
    var all = new java.util.HashSet<>(namespaces);
    all.addAll(settings.watchNamespaces());
    return all;
  }

  private static String nextNamespaceName() {
    return "test-" + RUN + "-" + NAMESPACES.incrementAndGet();
  }

  public <T extends HasMetadata> T create(T resource) {
    return client().resource(resource).create();
  }

  /**
   * Changes the named resource as a user's {@code kubectl edit} would, again on a fresh copy when
   * the operator's own write got there first (409 on a stale resourceVersion).
   */
  public <T extends HasMetadata> T edit(
      Class<T> kind, String namespace, String name, Consumer<T> change) {
    var resource = client().resources(kind).inNamespace(namespace).withName(name);
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException conflict && conflict.getCode() == 409)
        .until(
            () ->
                resource.edit(
                    current -> {
                      change.accept(current);
                      return current;
                    }),
            java.util.Objects::nonNull);
  }

  public static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions();
  }

  /** Waits until the resource's Ready condition has {@code status} and {@code reason}. */
  public <R extends CustomResource<?, ? extends StevedoreStatus>> R awaitReady(
      Class<R> kind, String namespace, String name, boolean status, String reason) {
    eventually()
        .untilAsserted(
            () -> {
              R current = client().resources(kind).inNamespace(namespace).withName(name).get();
              var ready =
                  Conditions.find(current.getStatus().getConditions(), Conditions.READY)
                      .orElseThrow();
              org.assertj.core.api.Assertions.assertThat(ready.getStatus())
                  .as(
                      "%s %s Ready (%s: %s)",
                      kind.getSimpleName(), name, ready.getReason(), ready.getMessage())
                  .isEqualTo(status ? "True" : "False");
              org.assertj.core.api.Assertions.assertThat(ready.getReason()).isEqualTo(reason);
              org.assertj.core.api.Assertions.assertThat(
                      current.getStatus().getObservedGeneration())
                  .isEqualTo(current.getMetadata().getGeneration());
            });
    return client().resources(kind).inNamespace(namespace).withName(name).get();
  }

  /** Events recorded about the named object. */
  public List<Event> events(String namespace, String involvedName) {
    operator.flushEvents();
    return client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
