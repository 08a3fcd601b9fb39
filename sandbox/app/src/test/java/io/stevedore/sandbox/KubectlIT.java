package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.testing.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (installed by `./stevedore tools`) against the embedded API with the operator
 * running, doing what SREs and CI do: apply the examples, get, wait, patch, edit, describe,
 * explain, delete. The examples point at this machine's services, as in the sandbox.
 */
class KubectlIT {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @TempDir static Path work;

  private static RunRecord run;
  private static SandboxPlatform platform;
  private static Kubectl kubectl;

  @BeforeAll
  static void startPlatformAndWriteKubeconfig() throws Exception {
    run = RunRecord.begin(work.resolve("runs"));
    platform = SandboxPlatform.start(run);
    var kubeconfig =
        SandboxKubeconfig.write(work.resolve("kubeconfig"), harness.apiUrl(), "default");
    kubectl = Kubectl.installed(kubeconfig.file(), work);
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
    if (run != null) {
      run.close();
    }
  }

  /** The examples, pointed at this machine's services, as one YAML file for {@code namespace}. */
  private static Path examples(String namespace) throws IOException {
    var objects = platform.localize(ExampleResources.load(harness.client()));
    objects.forEach(o -> o.getMetadata().setNamespace(namespace));
    String yaml = objects.stream().map(KubectlIT::yaml).collect(Collectors.joining());
    return Files.writeString(work.resolve(namespace + "-examples.yaml"), yaml);
  }

  private static String yaml(HasMetadata object) {
    String text = Serialization.asYaml(object);
    return text.startsWith("---") ? text : "---\n" + text;
  }

  private static String applyExamplesAndWaitUntilReady() throws IOException {
    String ns = harness.newNamespace();
    var applied = kubectl.run("apply", "-f", examples(ns).toString()).succeeded();
    assertThat(applied.out())
        .contains("environment.stevedore.io/staging created")
        .contains("workerpool.stevedore.io/standard created")
        .contains("tenant.stevedore.io/acme created");
    var waited =
        kubectl
            .run(
                "wait",
                "-n",
                ns,
                "--for=condition=Ready",
                "--timeout=90s",
                "environments,workerpools",
                "--all")
            .succeeded();
    assertThat(waited.out()).contains("environment.stevedore.io/staging condition met");
    return ns;
  }

  @Test
  void appliedExamplesBecomeReadyAndShowTheirPrinterColumnsYamlAndEvents() throws IOException {
    String ns = applyExamplesAndWaitUntilReady();
    kubectl
        .run("wait", "-n", ns, "--for=condition=Ready", "--timeout=90s", "tenants", "--all")
        .succeeded();

    // A pool counts its tenants once it has seen them provisioned, a moment after they are Ready.
    OperatorHarness.eventually()
        .untilAsserted(
            () ->
                assertThat(kubectl.run("get", "-n", ns, "senv,wp,tn").succeeded().out())
                    // Other columns come and go with the CRDs: look for these, in the CRDs' order.
                    .containsPattern("NAME\\s.*\\bBROKER\\s.*\\bRELEASE\\s.*\\bREADY\\b")
                    .containsPattern(
                        "environment.stevedore.io/staging\\s.*\\bRabbitMQ\\s.*\\b1.4.2\\s.*\\bTrue\\b")
                    .containsPattern(
                        "workerpool.stevedore.io/premium\\s.*\\bstaging\\s.*\\bTrue\\s.*\\b2\\s.*\\b1\\b")
                    .containsPattern(
                        "tenant.stevedore.io/acme\\s.*\\bstaging\\s.*\\bpremium\\s.*\\bTrue\\b"));
    assertThat(kubectl.run("get", "-n", ns, "tenants", "-o", "wide").succeeded().out())
        .containsPattern("REASON.*QUEUE")
        .contains("Provisioned", "tenant." + ns + ".acme");

    String yaml =
        kubectl.run("get", "-n", ns, "environment", "staging", "-o", "yaml").succeeded().out();
    assertThat(yaml).contains("kind: Environment", "observedGeneration: 1", "type: Ready");

    String described =
        kubectl.run("describe", "-n", ns, "workerpool", "standard").succeeded().out();
    assertThat(described)
        .contains("Name:         standard", "Events:")
        .containsPattern("Normal\\s+Available");
    assertThat(kubectl.run("get", "-n", ns, "deployments").succeeded().out())
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
        .containsPattern("staging-ingest\\s+2/2");
  }

  @Test
  void patchAndEditChangeTheSpecAndTheOperatorRollsItOut() throws IOException {
    String ns = applyExamplesAndWaitUntilReady();

    kubectl
        .run(
            "patch",
            "-n",
            ns,
            "environment",
            "staging",
            "--type=merge",
            "-p",
            "{\"spec\":{\"release\":{\"version\":\"1.4.3\",\"image\":\"ghcr.io/stevedore-io/platform-runtime:1.4.3\"}}}")
        .succeeded();
    kubectl
        .run(
            "wait",
            "-n",
            ns,
            "--for=jsonpath={.status.release}=1.4.3",
            "--timeout=90s",
            "environment/staging")
        .succeeded();
    assertThat(
            jsonpath(ns, "deployment/staging-ingest", "{.spec.template.spec.containers[0].image}"))
        .isEqualTo("ghcr.io/stevedore-io/platform-runtime:1.4.3");

    Path editor =
        Files.writeString(
            work.resolve(ns + "-editor.sh"),
            "#!/bin/sh\nsed -i 's/retentionDays: .*/retentionDays: 90/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    kubectl
        .run(Map.of("KUBE_EDITOR", editor.toString()), "edit", "-n", ns, "tenant", "acme")
        .succeeded();
    assertThat(jsonpath(ns, "tenant/acme", "{.spec.retentionDays} {.metadata.generation}"))
        .isEqualTo("90 2");
    kubectl
        .run(
            "wait",
            "-n",
            ns,
            "--for=jsonpath={.status.observedGeneration}=2",
            "--timeout=90s",
            "tenant/acme")
        .succeeded();
  }

  @Test
  void getWatchStreamsChangesAsTheyHappen() throws IOException {
    String ns = applyExamplesAndWaitUntilReady();

    try (var watch = kubectl.start("get", "-n", ns, "tenants", "-w", "--output-watch-events")) {
      OperatorHarness.eventually()
          .untilAsserted(() -> assertThat(watch.output()).containsPattern("ADDED\\s+acme"));
      kubectl.run("label", "-n", ns, "tenant", "acme", "watched=yes").succeeded();
      kubectl.run("delete", "-n", ns, "tenant", "initech").succeeded();

      OperatorHarness.eventually()
          .untilAsserted(
              () ->
                  assertThat(watch.output())
                      .containsPattern("MODIFIED\\s+acme")
                      .containsPattern("DELETED\\s+initech"));
    }
  }

  @Test
  void deleteWaitsUntilTheObjectIsGone() throws IOException {
    String ns = applyExamplesAndWaitUntilReady();

    var deleted =
        kubectl.run("delete", "-n", ns, "tenant", "globex", "--wait", "--timeout=60s").succeeded();

    assertThat(deleted.out()).contains("tenant.stevedore.io \"globex\" deleted");
    var gone = kubectl.run("get", "-n", ns, "tenant", "globex");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("NotFound", "tenants.stevedore.io \"globex\" not found");
    kubectl.run("wait", "-n", ns, "--for=delete", "tenant/globex", "--timeout=10s").succeeded();
  }

  @Test
  void explainShowsTheDocumentationOfEveryField() {
    String explained = kubectl.run("explain", "environment.spec.release").succeeded().out();

    assertThat(explained)
        .contains("KIND:       Environment", "VERSION:    v1alpha1", "FIELDS:")
        .contains("version\t<string> -required-", "image\t<string> -required-");
    assertThat(kubectl.run("explain", "tenants.spec.retentionDays").succeeded().out())
        .contains("Days that processed records are kept");
  }

  @Test
  void invalidResourcesAreRejectedNamingTheFieldAndNothingIsStored() throws IOException {
    String ns = harness.newNamespace();
    Path unknown = Files.writeString(work.resolve(ns + "-unknown.yaml"), tenant("colour: blue"));
    Path mistyped =
        Files.writeString(work.resolve(ns + "-mistyped.yaml"), tenant("retentionDays: thirty"));

    var strict = kubectl.run("apply", "-n", ns, "-f", unknown.toString());
    var invalid = kubectl.run("apply", "-n", ns, "-f", mistyped.toString());

    assertThat(strict.exitCode()).isNotZero();
    assertThat(strict.err()).contains("strict decoding error: unknown field \"spec.colour\"");
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.err()).contains("spec.retentionDays", "must be of type integer");
    assertThat(kubectl.run("get", "-n", ns, "tenants").out()).doesNotContain("hooli");

    var warned =
        kubectl.run("apply", "-n", ns, "--validate=warn", "-f", unknown.toString()).succeeded();
    assertThat(warned.err()).contains("unknown field \"spec.colour\"");
    assertThat(jsonpath(ns, "tenant/hooli", "{.spec}"))
        .as("pruned as the API server prunes")
        .doesNotContain("colour")
        .contains("\"workerPool\":\"standard\"");
  }

  @Test
  void builtInKindsApplyUpdateScaleAndSelectLikeOnACluster() throws IOException {
    String ns = harness.newNamespace();
    Path configMap = work.resolve(ns + "-settings.yaml");
    Files.writeString(configMap, configMap("a: \"1\""));
    kubectl.run("apply", "-n", ns, "-f", configMap.toString()).succeeded();
    Files.writeString(configMap, configMap("a: \"2\"\n  b: \"3\""));

    assertThat(kubectl.run("apply", "-n", ns, "-f", configMap.toString()).succeeded().out())
        .contains("configmap/settings configured");

    assertThat(jsonpath(ns, "configmap/settings", "{.data}"))
        .isEqualTo("{\"a\":\"2\",\"b\":\"3\"}");
    assertThat(
            kubectl.run("get", "-n", ns, "configmaps", "-l", "team in (sre,dev)").succeeded().out())
        .containsPattern("settings\\s+2\\s+");
    assertThat(
            kubectl.run("get", "-n", ns, "configmaps", "-l", "team notin (sre)").succeeded().err())
        .contains("No resources found");
    Path deployment = Files.writeString(work.resolve(ns + "-web.yaml"), DEPLOYMENT);
    kubectl.run("apply", "-n", ns, "-f", deployment.toString()).succeeded();
    assertThat(
            kubectl.run("scale", "-n", ns, "deployment", "web", "--replicas=3").succeeded().out())
        .contains("deployment.apps/web scaled");
    assertThat(jsonpath(ns, "deployment/web", "{.spec.replicas}")).isEqualTo("3");
    var protobuf = kubectl.run("create", "-n", ns, "configmap", "imperative", "--from-literal=a=b");
    assertThat(protobuf.exitCode()).isNotZero();
    assertThat(protobuf.err()).contains("JSON request bodies only");
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx}]
      """;

  private static String jsonpath(String namespace, String object, String path) {
    return kubectl.run("get", "-n", namespace, object, "-o", "jsonpath=" + path).succeeded().out();
  }

  private static String tenant(String extraSpecField) {
    return """
        apiVersion: stevedore.io/v1alpha1
        kind: Tenant
        metadata:
          name: hooli
        spec:
          environment: staging
          workerPool: standard
          %s
        """
        .formatted(extraSpecField);
  }

  private static String configMap(String data) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels: {team: sre}
        data:
          %s
        """
        .formatted(data);
  }
}
