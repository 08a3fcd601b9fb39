package io.stevedore.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in Deployment controller keeps Pod objects as a ReplicaSet would. */
class SimulatedDeploymentControllerTest {
  private static EmbeddedKubernetes kubernetes;
  private static SimulatedDeploymentController controller;
  private static int namespaces;

  @BeforeAll
  static void start() {
    kubernetes = EmbeddedKubernetes.start(0, List.of());
    controller = new SimulatedDeploymentController(kubernetes.client());
  }

  @AfterAll
  static void stop() {
    controller.close();
    kubernetes.close();
  }

  @Test
  void podsCarryTheTemplateLabelsHashAndOwnerAreReadyAndHaveNoIp() {
    String ns = namespace();
    var deployment = create(ns, 3, "registry.example/runtime:1.0.0");

    eventually().untilAsserted(() -> assertThat(rolledOut(get(ns))).isTrue());
    List<Pod> pods = pods(ns);
    assertThat(pods).hasSize(3);
    assertThat(pods)
        .allSatisfy(
            pod -> {
              assertThat(pod.getMetadata().getLabels())
                  .containsEntry("app", "workers")
                  .containsKey(PodObjects.TEMPLATE_HASH);
              assertThat(pod.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      o -> assertThat(o.getUid()).isEqualTo(deployment.getMetadata().getUid()));
              assertThat(PodObjects.isReady(pod)).isTrue();
              assertThat(pod.getStatus().getPodIP()).isNull();
            });
    assertThat(get(ns).getStatus().getReadyReplicas()).isEqualTo(3);
  }

  @Test
  void scalingInDeletesThePodsWithTheLowestDeletionCost() {
    String ns = namespace();
    create(ns, 3, "registry.example/runtime:1.0.0");
    eventually().untilAsserted(() -> assertThat(pods(ns)).hasSize(3));
    List<Pod> pods = pods(ns);
    String busy = pods.get(1).getMetadata().getName();
    for (Pod pod : pods) {
      int cost = pod.getMetadata().getName().equals(busy) ? 50 : -1000;
      kubernetes
          .client()
          .pods()
          .inNamespace(ns)
          .withName(pod.getMetadata().getName())
          .edit(
              p -> {
                p.getMetadata()
                    .setAnnotations(Map.of(PodObjects.DELETION_COST, String.valueOf(cost)));
                return p;
              });
    }

    scale(ns, 1);

    eventually()
        .untilAsserted(
            () ->
                assertThat(pods(ns))
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactly(busy));
  }

  @Test
  void aTemplateChangeRollsThePodsWithoutLosingAReadyOne() {
    String ns = namespace();
    create(ns, 2, "registry.example/runtime:1.0.0");
    eventually().untilAsserted(() -> assertThat(rolledOut(get(ns))).isTrue());

    setImage(ns, "registry.example/runtime:2.0.0");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(rolledOut(get(ns))).isTrue();
              assertThat(pods(ns))
                  .hasSize(2)
                  .allSatisfy(
                      p ->
                          assertThat(p.getSpec().getContainers().get(0).getImage())
                              .isEqualTo("registry.example/runtime:2.0.0"));
            });
  }

  @Test
  void podsOfAnImageTaggedUnreadyNeverBecomeReadyAndTheOldOnesStay() {
    String ns = namespace();
    create(ns, 2, "registry.example/runtime:1.0.0");
    eventually().untilAsserted(() -> assertThat(rolledOut(get(ns))).isTrue());

    setImage(ns, "registry.example/runtime:2.0.0-unready");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(rolledOut(get(ns))).isFalse();
              assertThat(pods(ns))
                  .filteredOn(
                      p -> p.getSpec().getContainers().get(0).getImage().endsWith("-unready"))
                  .isNotEmpty()
                  .noneMatch(PodObjects::isReady);
              assertThat(pods(ns)).filteredOn(PodObjects::isReady).hasSize(2);
            });
  }

  private static Deployment create(String ns, int replicas, String image) {
    return kubernetes
        .client()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("workers")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", "workers"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "workers"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("runtime")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static void scale(String ns, int replicas) {
    edit(ns, d -> d.getSpec().setReplicas(replicas));
  }

  private static void setImage(String ns, String image) {
    edit(ns, d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
  }

  private static void edit(String ns, java.util.function.Consumer<Deployment> change) {
    kubernetes
        .client()
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("workers")
        .edit(
            d -> {
              change.accept(d);
              return d;
            });
  }

  private static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions();
  }

  /** As `kubectl rollout status` says "successfully rolled out". */
  private static boolean rolledOut(Deployment deployment) {
    var status = deployment.getStatus();
    int desired = deployment.getSpec().getReplicas();
    return status != null
        && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
        && Objects.equals(status.getUpdatedReplicas(), desired)
        && Objects.equals(status.getReplicas(), desired)
        && Objects.equals(status.getAvailableReplicas(), desired);
  }

  private static Deployment get(String ns) {
    return kubernetes.client().apps().deployments().inNamespace(ns).withName("workers").get();
  }

  private static List<Pod> pods(String ns) {
    return kubernetes.client().pods().inNamespace(ns).list().getItems();
  }

  private static String namespace() {
    String ns = "sim-" + (++namespaces);
    kubernetes.createNamespace(ns);
    return ns;
  }
}
