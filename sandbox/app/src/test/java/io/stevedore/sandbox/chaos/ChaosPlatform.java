package io.stevedore.sandbox.chaos;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.RepositoryPaths;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.aws.LocalAws;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import io.stevedore.sandbox.cluster.PodProcessListener;
import io.stevedore.sandbox.faults.TcpProxy;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the chaos scenarios run on, all of it this scenario's own: a private RabbitMQ node, a
 * private MariaDB, DynamoDB Local behind a TCP proxy (the way to take it away), the embedded
 * Kubernetes API, the operator, and the local kubelet running one ingest and one to two worker
 * processes of the runtime jar for one Environment, WorkerPool and Tenant.
 */
final class ChaosPlatform implements AutoCloseable {
  static final String NAMESPACE = "chaos";
  static final String ENVIRONMENT = "chaos";
  static final String POOL = "standard";
  static final String TENANT = "fleet";

  private final CloseStack started = new CloseStack();
  private final Map<String, ProcessHandle> podProcesses = new ConcurrentHashMap<>();
  private final Set<Long> killed = ConcurrentHashMap.newKeySet();
  private final Set<String> crashed = ConcurrentHashMap.newKeySet();
  private final Path directory;
  private final PrintStream log;
  private final PrivateRabbit rabbit;
  private final PrivateMariaDb mariadb;
  private final LocalDynamoDb dynamo;
  private final TcpProxy dynamoProxy;
  private final PrivateServices services;
  private final EmbeddedKubernetes kubernetes;
  private final LocalKubelet kubelet;
  private String apiKey;

  private ChaosPlatform(Path directory, PrintStream log) throws Exception {
    this.directory = directory;
    this.log = log;
    rabbit = add(PrivateServices.rabbit(directory, log));
    mariadb = add(PrivateServices.mariadb(directory, log));
    dynamo = add(LocalDynamoDb.start());
    dynamoProxy = add(TcpProxy.toUrl(dynamo.endpoint()));
    services = new PrivateServices(rabbit, mariadb, "http://127.0.0.1:" + dynamoProxy.port());
    kubernetes = add(EmbeddedKubernetes.start(0, ShippedManifests.crds()));
    kubelet = add(new LocalKubelet(kubernetes.client(), kubeletSettings(), recordProcesses()));
    add(
        StevedoreOperator.start(
            kubernetes.client(), OperatorSettings.embedded("chaos"), kubelet::managementAddress));
  }

  /** Starts everything and waits until the tenant's events can be posted. */
  static ChaosPlatform start(Path directory, PrintStream log) throws Exception {
    var platform = new ChaosPlatform(directory, log);
    try {
      long start = System.nanoTime();
      platform.applyResources();
      log.printf(
          "  Environment, WorkerPool and Tenant Ready in %d ms%n",
          (System.nanoTime() - start) / 1_000_000);
      return platform;
    } catch (Exception | Error e) {
      platform.close();
      throw e;
    }
  }

  private void applyResources() {
    KubernetesClient client = kubernetes.client();
    kubernetes.createNamespace(NAMESPACE);
    services.createEnvironment(client, NAMESPACE, ENVIRONMENT);
    var pool = Fixtures.workerPool(NAMESPACE, POOL, ENVIRONMENT, POOL);
    pool.getSpec().setScaling(Fixtures.scaling(1, 2));
    client.resource(pool).create();
    var tenant = Fixtures.tenant(NAMESPACE, TENANT, ENVIRONMENT, POOL, POOL);
    tenant.getSpec().getPlan().setIngestRatePerSecond(1_000_000);
    client.resource(tenant).create();
    // Ready means the runtime processes passed their real readiness probes.
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                ready(client.resources(Environment.class), ENVIRONMENT)
                    && ready(client.resources(WorkerPool.class), POOL)
                    && ready(client.resources(Tenant.class), TENANT)
                    && !kubelet.httpPorts(NAMESPACE, PlatformNames.ingest(ENVIRONMENT)).isEmpty());
    var data =
        client
            .secrets()
            .inNamespace(NAMESPACE)
            .withName(PlatformNames.tenantSecret(TENANT))
            .get()
            .getData();
    apiKey = new String(Base64.getDecoder().decode(data.get("apiKey")), StandardCharsets.UTF_8);
  }

  private static boolean ready(
      io.fabric8.kubernetes.client.dsl.MixedOperation<
              ? extends io.fabric8.kubernetes.api.model.HasMetadata, ?, ?>
          resources,
      String name) {
    var object = resources.inNamespace(NAMESPACE).withName(name).get();
    if (object == null) {
      return false;
    }
    var status = ((io.fabric8.kubernetes.client.CustomResource<?, ?>) object).getStatus();
    return status instanceof io.stevedore.operator.api.v1alpha1.StevedoreStatus s
        && Conditions.isTrue(s.getConditions(), Conditions.READY);
  }

  private LocalKubelet.Settings kubeletSettings() throws Exception {
    Path jar =
        RepositoryPaths.root().resolve("platform-runtime/target/stevedore-platform-runtime.jar");
    Path pods = Files.createDirectories(directory.resolve("pods"));
    return new LocalKubelet.Settings(
        Map.of(Labels.PART_OF, "stevedore"),
        jar,
        pods,
        2,
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
        Map.of(
            "AWS_ACCESS_KEY_ID", "chaos",
            "AWS_SECRET_ACCESS_KEY", "chaos",
            "AWS_REGION", LocalAws.REGION.id()));
  }

  private PodProcessListener recordProcesses() {
    return new PodProcessListener() {
      @Override
      public void started(String pod, ProcessHandle process) {
        podProcesses.put(pod, process);
      }

      @Override
      public void stopped(String pod, ProcessHandle process) {
        podProcesses.remove(pod, process);
      }

      @Override
      public void exited(String pod, ProcessHandle process) {
        if (!killed.contains(process.pid())) {
          crashed.add(pod);
          reportCrash(pod);
        }
      }
    };
  }

  /** The processes of worker pods that passed their readiness probe (they consume). */
  List<ProcessHandle> readyWorkerProcesses() {
    String prefix = PlatformNames.workers(POOL) + "-";
    return kubernetes.client().pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(pod -> pod.getMetadata().getName().startsWith(prefix))
        .filter(
            pod ->
                pod.getStatus() != null
                    && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .map(pod -> podProcesses.get(pod.getMetadata().getName()))
        .filter(process -> process != null && process.isAlive())
        .toList();
  }

  /** SIGKILLs {@code process}, a pod's JVM: no shutdown hook, no drain, deliveries in flight. */
  void kill(ProcessHandle process) {
    killed.add(process.pid());
    process.destroyForcibly();
    process.onExit().join();
  }

  /** Prints the end of a crashed pod's log, which goes with the scenario's temporary files. */
  private void reportCrash(String pod) {
    Path podLog = directory.resolve("pods").resolve(NAMESPACE).resolve(pod).resolve("pod.log");
    log.printf("  CRASH: pod %s exited by itself; the end of its log:%n", pod);
    try (var lines = Files.lines(podLog)) {
      var all = lines.toList();
      all.subList(Math.max(0, all.size() - 30), all.size())
          .forEach(line -> log.println("    | " + line.substring(0, Math.min(line.length(), 400))));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      log.println("    (no log: " + e.getMessage() + ")");
    }
  }

  /** Pods whose process died without being stopped or killed by a scenario. */
  Set<String> crashedPods() {
    return Set.copyOf(crashed);
  }

  /** The worker Deployment's replica count as the autoscaler sets it. */
  int workerReplicas() {
    var deployment =
        kubernetes
            .client()
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .withName(PlatformNames.workers(POOL))
            .get();
    return deployment.getSpec().getReplicas();
  }

  /** Ingest's local HTTP port (one pod). */
  int ingestPort() {
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> kubelet.httpPorts(NAMESPACE, PlatformNames.ingest(ENVIRONMENT)),
            p -> !p.isEmpty())
        .get(0);
  }

  String apiKey() {
    return apiKey;
  }

  PrivateRabbit rabbit() {
    return rabbit;
  }

  PrivateMariaDb mariadb() {
    return mariadb;
  }

  /** The proxy the Environment's DynamoDB endpoint goes through: refuse() takes DynamoDB away. */
  TcpProxy dynamoProxy() {
    return dynamoProxy;
  }

  /** A client of DynamoDB Local itself, past the proxy. */
  DynamoDbClient dynamo() {
    return dynamo.client();
  }

  String recordTable() {
    return RecordTable.name(ENVIRONMENT + "-", NAMESPACE, TENANT);
  }

  TenantQueues queues() {
    return TenantQueues.of(NAMESPACE, TENANT);
  }

  private <T extends AutoCloseable> T add(T closeable) {
    return started.add(closeable);
  }

  /** Stops the operator first (it would repair), then the pods, then the services. */
  @Override
  public void close() throws Exception {
    started.close();
  }
}
