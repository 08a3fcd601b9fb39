package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the platform's Deployments on this machine, as kubelets would: each pod is a local process
 * of the platform-runtime jar, configured from the pod template (environment resolved from
 * ConfigMaps and Secrets, volumes written to files and refreshed in place), and each Deployment's
 * status reports how many of its pods pass their readiness probe. Every process has a Pod object
 * (pod IP 127.0.0.1, Ready from the real readiness probe; {@link #managementAddress} maps it to its
 * local management port); scaling in stops the pods a ReplicaSet would pick (readiness, then
 * pod-deletion-cost), with SIGTERM, so a worker drains.
 */
public final class LocalKubelet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalKubelet.class);

  /**
   * @param deploymentSelector labels of the Deployments to run (those whose image is the jar)
   * @param runtimeJar the platform-runtime jar that the Deployments' image stands for
   * @param workDirectory where pods keep their volumes and logs
   * @param maxPodsPerDeployment cap on local processes per Deployment (this machine is small)
   * @param jvmOptions options for each pod's JVM
   * @param nodeEnvironment variables every pod gets besides its own, as a cloud's pod identity
   *     webhook adds credentials (here: for the local AWS stand-ins)
   */
  public record Settings(
      Map<String, String> deploymentSelector,
      Path runtimeJar,
      Path workDirectory,
      int maxPodsPerDeployment,
      List<String> jvmOptions,
      Map<String, String> nodeEnvironment) {}

  private final KubernetesClient client;
  private final Settings settings;
  private final PodProcessListener listener;
  private final Map<String, List<LocalPod>> pods = new HashMap<>();
  private final Set<String> heldVolumes = new HashSet<>();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "local-kubelet");
            thread.setDaemon(true);
            return thread;
          });
  private final SharedIndexInformer<Deployment> deployments;
  private int podCounter;

  public LocalKubelet(KubernetesClient client, Settings settings) {
    this(client, settings, PodProcessListener.NONE);
  }

  /**
   * As {@link #LocalKubelet(KubernetesClient, Settings)}, telling {@code listener} of processes.
   */
  public LocalKubelet(KubernetesClient client, Settings settings, PodProcessListener listener) {
    if (!Files.isRegularFile(settings.runtimeJar())) {
      throw new IllegalStateException(
          "No platform-runtime jar at "
              + settings.runtimeJar()
              + ": build it with ./mvnw -pl platform-runtime -am package -DskipTests");
    }
    this.client = client;
    this.settings = settings;
    this.listener = listener;
    this.deployments =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabels(settings.deploymentSelector())
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment deployment) {
                    loop.execute(LocalKubelet.this::sync);
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment after) {
                    loop.execute(LocalKubelet.this::sync);
                  }

                  @Override
                  public void onDelete(Deployment deployment, boolean unknownFinalState) {
                    loop.execute(LocalKubelet.this::sync);
                  }
                });
    // Readiness and volume contents change without Deployment events: look again every second.
    loop.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
  }

  /** The local HTTP ports of a Deployment's running pods, e.g. to reach ingest. */
  public synchronized List<Integer> httpPorts(String namespace, String deployment) {
    return pods.getOrDefault(namespace + "/" + deployment, List.of()).stream()
        .map(LocalPod::httpPort)
        .toList();
  }

  /**
   * Stops refreshing a pod's volumes (or resumes, with {@code held} false), as a kubelet whose sync
   * of a changed Secret or ConfigMap is late: the pod keeps the files it has.
   */
  public synchronized void holdVolumes(String pod, boolean held) {
    if (held) {
      heldVolumes.add(pod);
    } else {
      heldVolumes.remove(pod);
    }
  }

  private synchronized void sync() {
    try {
      Map<String, Deployment> wanted = new HashMap<>();
      for (Deployment deployment : deployments.getStore().list()) {
        wanted.put(key(deployment), deployment);
      }
      for (String gone : new ArrayList<>(pods.keySet())) {
        if (!wanted.containsKey(gone)) {
          pods.remove(gone).forEach(pod -> stop(pod, Duration.ofSeconds(30)));
        }
      }
      wanted.forEach(this::syncDeployment);
    } catch (RuntimeException e) {
      // close() interrupts a sync in flight: that is the shutdown, not a failure.
      if (!loop.isShutdown()) {
        log.warn("Local kubelet sync failed: {}", e.getMessage());
      }
    }
  }

  private void syncDeployment(String key, Deployment deployment) {
    List<LocalPod> running = pods.computeIfAbsent(key, k -> new ArrayList<>());
    String hash = PodObjects.templateHash(deployment);
    int desired =
        Math.min(
            Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1),
            settings.maxPodsPerDeployment());
    var spec = deployment.getSpec().getTemplate().getSpec();
    Duration grace =
        Duration.ofSeconds(
            Objects.requireNonNullElse(spec.getTerminationGracePeriodSeconds(), 30L));
    // Pods of an old template, dead pods, and pods beyond the replica count go.
    running.removeIf(
        pod -> {
          boolean old = !pod.templateHash().equals(hash) || !pod.isAlive();
          if (old) {
            if (!pod.isAlive()) {
              log.warn("Pod {} exited; see {}", pod.name(), pod.log());
              listener.exited(pod.name(), pod.process());
            }
            stop(pod, grace);
          }
          return old;
        });
    if (running.size() > desired) {
      // As a ReplicaSet: the victims by readiness, then pod-deletion-cost, then age.
      Map<String, LocalPod> byName = new HashMap<>();
      running.forEach(pod -> byName.put(pod.name(), pod));
      List<Pod> objects = running.stream().map(this::podObject).toList();
      for (Pod victim : PodObjects.scaleInVictims(objects, running.size() - desired)) {
        LocalPod pod = byName.get(victim.getMetadata().getName());
        running.remove(pod);
        stop(pod, grace);
      }
    }
    while (running.size() < desired) {
      try {
        running.add(startPod(deployment, hash));
      } catch (RuntimeException e) {
        log.warn("Cannot start a pod of {}: {}", key, e.getMessage());
        break;
      }
    }
    int ready = 0;
    for (LocalPod pod : running) {
      if (!heldVolumes.contains(pod.name())) {
        writeVolumes(deployment, pod.directory());
      }
      boolean podReady = pod.isReady();
      ready += podReady ? 1 : 0;
      reportReadiness(pod, podReady);
    }
    DeploymentStatusWriter.write(client, deployment, running.size(), running.size(), ready);
  }

  /** The Pod object of a local pod, as the API has it (or as it was created). */
  private Pod podObject(LocalPod pod) {
    Pod object = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
    return object != null ? object : pod.object();
  }

  /** Keeps the Pod object's Ready condition equal to the readiness probe's verdict. */
  private void reportReadiness(LocalPod pod, boolean ready) {
    if (pod.reportedReady() == ready) {
      return;
    }
    try {
      client
          .pods()
          .inNamespace(pod.namespace())
          .withName(pod.name())
          .editStatus(
              p -> {
                p.getStatus()
                    .setConditions(List.of(PodObjects.readyCondition(ready, Instant.now())));
                return p;
              });
      pod.reportedReady(ready);
    } catch (KubernetesClientException e) {
      log.debug("Cannot report readiness of pod {}: {}", pod.name(), e.getMessage());
    }
  }

  /**
   * Where a pod's management port is reached (its local port; every pod shares this machine's
   * network), or empty if this kubelet does not run it.
   */
  public synchronized Optional<URI> managementAddress(Pod pod) {
    return pods.values().stream()
        .flatMap(List::stream)
        .filter(p -> p.name().equals(pod.getMetadata().getName()))
        .findFirst()
        .map(p -> URI.create("http://127.0.0.1:" + p.managementPort()));
  }

  private LocalPod startPod(Deployment deployment, String hash) {
    String namespace = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName() + "-" + hash + "-" + (++podCounter);
    Path directory = settings.workDirectory().resolve(namespace).resolve(name);
    var podSpec = deployment.getSpec().getTemplate().getSpec();
    var container = podSpec.getContainers().get(0);
    Map<String, Path> mounts = new HashMap<>();
    PodEnvironment.mountPaths(container)
        .forEach((path, volume) -> mounts.put(path, directory.resolve("volumes").resolve(volume)));
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeVolumes(deployment, directory);
    Map<String, String> environment = new HashMap<>(settings.nodeEnvironment());
    environment.putAll(PodEnvironment.resolve(client, namespace, container, mounts));
    String readiness =
        container.getReadinessProbe() == null
            ? "/actuator/health/readiness"
            : container.getReadinessProbe().getHttpGet().getPath();
    log.info(
        "Starting pod {} ({}), log {}",
        name,
        environment.get("STEVEDORE_ROLE"),
        directory.resolve("pod.log"));
    Pod object = PodObjects.create(deployment, hash, name, "127.0.0.1", false, Instant.now());
    object = client.pods().inNamespace(namespace).resource(object).create();
    var pod =
        LocalPod.start(
            object,
            hash,
            directory,
            settings.runtimeJar(),
            environment,
            readiness,
            settings.jvmOptions());
    listener.started(name, pod.process());
    return pod;
  }

  private void writeVolumes(Deployment deployment, Path podDirectory) {
    String namespace = deployment.getMetadata().getNamespace();
    var podSpec = deployment.getSpec().getTemplate().getSpec();
    for (String volumeName : PodEnvironment.mountPaths(podSpec.getContainers().get(0)).values()) {
      PodEnvironment.volume(podSpec, volumeName)
          .ifPresent(
              volume -> {
                var files = PodEnvironment.volumeFiles(client, namespace, volume);
                Path target = podDirectory.resolve("volumes").resolve(volumeName);
                if (!files.isEmpty() && changed(target, files)) {
                  LocalPod.writeVolume(target, files);
                }
              });
    }
  }

  private static boolean changed(Path target, Map<String, byte[]> files) {
    if (!LocalPod.staleFiles(target, files).isEmpty()) {
      return true;
    }
    for (var file : files.entrySet()) {
      try {
        Path path = target.resolve(file.getKey());
        if (!Files.exists(path)
            || !java.util.Arrays.equals(Files.readAllBytes(path), file.getValue())) {
          return true;
        }
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  /** Deletes the Pod object, then SIGTERM (the worker drains), then SIGKILL after the grace. */
  private void stop(LocalPod pod, Duration grace) {
    log.info("Stopping pod {}", pod.name());
    try {
      client.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
    } catch (KubernetesClientException e) {
      log.debug("Cannot delete pod object {}: {}", pod.name(), e.getMessage());
    }
    pod.stop(grace);
    listener.stopped(pod.name(), pod.process());
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }

  /** Stops every pod: SIGTERM to all at once, then each gets the grace period to end. */
  @Override
  public void close() {
    deployments.close();
    loop.shutdownNow();
    synchronized (this) {
      List<LocalPod> all = pods.values().stream().flatMap(List::stream).toList();
      all.forEach(LocalPod::terminate);
      for (LocalPod pod : all) {
        pod.awaitExit(Duration.ofSeconds(30));
        listener.stopped(pod.name(), pod.process());
      }
      pods.clear();
    }
  }
}
