package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.stevedore.sandbox.cluster.apiserver.ApiCallLog;
import io.stevedore.sandbox.cluster.apiserver.ApiServerDispatcher;
import io.stevedore.sandbox.cluster.apiserver.HttpFront;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API in this process (the Fabric8 mock server in CRUD mode, behind {@link
 * ApiServerDispatcher} so that the real kubectl works too) with the given CRDs installed: what the
 * sandbox and the operator's integration tests run against. The in-process {@link #client()} talks
 * to the mock server's port; other processes use {@link #url()}, an {@link HttpFront} that streams
 * watches.
 */
public final class EmbeddedKubernetes implements AutoCloseable {
  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final ApiServerDispatcher dispatcher;
  private final HttpFront front;
  private final KubernetesClient client;
  private final ScheduledExecutorService janitor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "embedded-kubernetes-janitor");
            t.setDaemon(true);
            return t;
          });

  private EmbeddedKubernetes(int port) {
    MOCK_SERVER_LOG.setLevel(Level.OFF);
    var expectations = new HashMap<ServerRequest, Queue<ServerResponse>>();
    dispatcher = new ApiServerDispatcher(expectations);
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            expectations,
            dispatcher,
            false,
            versionInfo());
    server.init(InetAddress.getLoopbackAddress(), 0);
    try {
      front = HttpFront.start(dispatcher, port);
    } catch (RuntimeException e) {
      server.destroy();
      throw new IllegalStateException(
          "Cannot start the embedded Kubernetes API on port " + port, e);
    }
    answerRulesReviewsLikeAClusterWithoutRbac();
    client = server.createClient();
    // The mock keeps every request it served; a long sandbox session must not grow without bound.
    janitor.scheduleWithFixedDelay(this::forgetServedRequests, 10, 10, TimeUnit.SECONDS);
  }

  /** Starts the API on {@code port} (0: any free port) and installs {@code crds}. */
  public static EmbeddedKubernetes start(int port, List<CustomResourceDefinition> crds) {
    var kubernetes = new EmbeddedKubernetes(port);
    try {
      crds.forEach(
          crd ->
              kubernetes
                  .client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .resource(crd)
                  .create());
    } catch (RuntimeException e) {
      kubernetes.close();
      throw e;
    }
    return kubernetes;
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * Another in-process client of this API, telling itself apart by {@code userAgent} (see {@link
   * #calls()}); the caller closes it.
   */
  public KubernetesClient newClient(String userAgent) {
    return server.createClient(
        builder -> builder.editOrNewConfig().withUserAgent(userAgent).endConfig());
  }

  /** The calls this API served, by the client's User-Agent. */
  public ApiCallLog calls() {
    return dispatcher.calls();
  }

  /** Where other processes (kubectl, the sandbox's kubeconfig) reach the API. */
  public String url() {
    return front.url();
  }

  public void createNamespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  private static VersionInfo versionInfo() {
    String[] parts = ApiServerDispatcher.GIT_VERSION.substring(1).split("\\.");
    return new VersionInfo.Builder()
        .withMajor(parts[0])
        .withMinor(parts[1])
        .withGitVersion(ApiServerDispatcher.GIT_VERSION)
        .withPlatform("linux/amd64")
        .build();
  }

  /**
   * The embedded API has no RBAC: tell clients that ask (JOSDK's leader election, `kubectl auth
   * can-i`) so.
   */
  private void answerRulesReviewsLikeAClusterWithoutRbac() {
    var everything =
        new SubjectRulesReviewStatusBuilder()
            .addNewResourceRule()
            .withApiGroups("*")
            .withResources("*")
            .withVerbs("*")
            .endResourceRule()
            .withIncomplete(false)
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withStatus(everything).build())
        .always();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReturn(
            201,
            new SelfSubjectAccessReviewBuilder()
                .withNewStatus()
                .withAllowed(true)
                .withReason("the embedded API has no RBAC")
                .endStatus()
                .build())
        .always();
  }

  private void forgetServedRequests() {
    try {
      while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
        // drained
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    janitor.shutdownNow();
    front.close();
    client.close();
    server.destroy();
  }
}
