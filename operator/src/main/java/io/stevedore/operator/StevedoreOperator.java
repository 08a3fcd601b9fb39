package io.stevedore.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stevedore.operator.environment.EnvironmentReconciler;
import io.stevedore.operator.health.HealthObserver;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.platform.TenantServices;
import io.stevedore.operator.promotion.PromotionMetrics;
import io.stevedore.operator.promotion.PromotionReconciler;
import io.stevedore.operator.scaling.ScalingMetrics;
import io.stevedore.operator.scaling.WorkerPoolScaler;
import io.stevedore.operator.status.EventRecorder;
import io.stevedore.operator.status.StatusReporter;
import io.stevedore.operator.tenant.TenantReconciler;
import io.stevedore.operator.workerpool.WorkerPoolReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stevedore operator: its controllers and the WorkerPool autoscaler, wired to one client, ready
 * to start.
 */
public final class StevedoreOperator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StevedoreOperator.class);

  /** Threads for dependents, shared by all reconciliations: ~4 per Tenant reconciled at once. */
  private static final int WORKFLOW_THREADS = 128;

  /** 1 while this replica leads, else 0. */
  public static final String LEADER_METRIC = "stevedore.operator.leader";

  private final Operator operator;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final HealthServer health;
  private final PlatformClients platform;
  private final EventRecorder events;
  private final WorkerPoolScaler scaler;
  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private StevedoreOperator(
      KubernetesClient client,
      OperatorSettings settings,
      PodAddresses pods,
      Function<PlatformClients, TenantServices> tenantServices) {
    Clock clock = Clock.systemUTC();
    this.client = client;
    this.settings = settings;
    this.platform = new PlatformClients(client, settings.identity(), pods, clock, tenantServices);
    // The Fabric8 mock server has no server-side apply; JOSDK supports the same non-SSA path on a
    // real cluster, so one code path serves both.
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  // A Tenant's dependents wait on the platform's services side by side.
                  .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS)
                  // Reconciliations by controller: started, succeeded, failed, their duration.
                  .withMetrics(MicrometerMetricsV2.newBuilder(meters).build());
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            settings.leaseName())
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withIdentity(settings.identity())
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                () -> leading.set(true),
                                () -> leading.set(false),
                                leader -> log.info("Leader is now {}", leader)))
                        .build());
              } else {
                leading.set(true);
              }
            });
    // Summed over the replicas it is 1; 0 for long means no replica reconciles.
    Gauge.builder(LEADER_METRIC, leading, l -> l.get() ? 1 : 0)
        .description("1 while this operator replica holds the leader Lease (or runs without one)")
        .register(meters);
    this.events = new EventRecorder(client, settings.identity(), clock);
    var status = new StatusReporter(events, clock);
    this.scaler =
        new WorkerPoolScaler(
            client, platform, events, new ScalingMetrics(meters), leading::get, clock);
    // A burst of tenant changes re-renders each tenant directory a few times a second, not once
    // per tenant: each render reads every tenant.
    operator.register(
        new EnvironmentReconciler(
            status, settings.operatorPods(), clock, settings.tenantDirectoryMaxObjectBytes()),
        o -> watch(o, settings).withRateLimiter(directories()));
    operator.register(
        new TenantReconciler(
            status, platform, meters, clock, settings.tenantResync(), settings.tenantIsolation()),
        o -> watch(o, settings));
    operator.register(
        new WorkerPoolReconciler(
            status,
            scaler,
            settings.operatorPods(),
            clock,
            settings.tenantDirectoryMaxObjectBytes()),
        o -> watch(o, settings).withRateLimiter(directories()));
    operator.register(
        new PromotionReconciler(
            status,
            new HealthObserver(client, platform, clock),
            new PromotionMetrics(meters),
            clock),
        o -> watch(o, settings));
    this.health =
        settings.healthPort() < 0 ? null : new HealthServer(this, meters, settings.healthPort());
  }

  /** Creates the operator and starts it (with leader election, it reconciles once it leads). */
  public static StevedoreOperator start(KubernetesClient client, OperatorSettings settings) {
    return start(client, settings, PodAddresses.CLUSTER);
  }

  /**
   * As {@link #start(KubernetesClient, OperatorSettings)}, reaching pods through {@code pods} (the
   * sandbox's pods are local processes).
   */
  public static StevedoreOperator start(
      KubernetesClient client, OperatorSettings settings, PodAddresses pods) {
    return start(client, settings, pods, PlatformClients::liveTenantServices);
  }

  /**
   * As {@link #start(KubernetesClient, OperatorSettings, PodAddresses)}, provisioning tenants on
   * the services {@code tenantServices} makes (in-memory ones in `./stevedore bench scale`).
   */
  public static StevedoreOperator start(
      KubernetesClient client,
      OperatorSettings settings,
      PodAddresses pods,
      Function<PlatformClients, TenantServices> tenantServices) {
    var stevedore = new StevedoreOperator(client, settings, pods, tenantServices);
    stevedore.operator.start();
    if (stevedore.health != null) {
      stevedore.health.start();
    }
    log.info(
        "Stevedore operator started as {} (namespaces: {}, leader election: {})",
        settings.identity(),
        settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
        settings.leaderElection());
    return stevedore;
  }

  /** Live: the process works; a leader also needs healthy informers. */
  boolean isLive() {
    var info = operator.getRuntimeInfo();
    return info.isStarted() && (!leading.get() || info.allEventSourcesAreHealthy());
  }

  /** Ready: started (a standby replica is ready to take over). */
  boolean isReady() {
    return operator.getRuntimeInfo().isStarted();
  }

  /** The operator's metrics (what /metrics serves). */
  public MeterRegistry meters() {
    return meters;
  }

  public boolean isLeading() {
    return leading.get();
  }

  /** Waits until the Events recorded so far were written (tests read them right after). */
  public void flushEvents() {
    events.flush();
  }

  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  @Override
  public void close() {
    if (health != null) {
      health.stop();
    }
    // The autoscaler reads the controllers' caches: it stops before they do.
    scaler.close();
    boolean wasLeading = settings.leaderElection() && leading.get();
    operator.stop();
    if (wasLeading) {
      LeaderLease.release(client, settings);
    }
    events.close();
    platform.close();
    meters.close();
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      ControllerConfigurationOverrider<R> watch(
          ControllerConfigurationOverrider<R> o, OperatorSettings settings) {
    if (!settings.watchNamespaces().isEmpty()) {
      o.settingNamespaces(settings.watchNamespaces());
    }
    return o;
  }

  /** At most 4 reconciliations a second of one Environment or WorkerPool. */
  private static LinearRateLimiter directories() {
    return new LinearRateLimiter(Duration.ofSeconds(1), 4);
  }
}
