package io.stevedore.operator.bench;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitTenantQueues;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.storage.MySqlEndpoint;
import io.stevedore.operator.storage.RecordTables;
import io.stevedore.operator.testing.PlatformServices;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The same onboarding work without the operator, at the same rate and concurrency: per tenant a
 * Secret, then side by side its five queues (declared by the operator's own broker code), broker
 * user and permissions, DynamoDB table with TTL and MySQL rows, then an Event. What this machine's
 * services (and the embedded API) can do at best, so the operator's numbers can be read against it.
 */
final class TenantsBaseline {
  /** Per-tenant latencies (ms, sorted) and the seconds the whole run took. */
  record Result(List<Long> millis, double totalSeconds) {}

  private TenantsBaseline() {}

  static Result run(
      PlatformServices services, KubernetesClient client, String ns, int count, int rate)
      throws Exception {
    var rabbit =
        new RabbitEndpoint(
            URI.create(PlatformServices.RABBIT_URL),
            "/",
            "guest",
            "guest",
            URI.create(PlatformServices.RABBIT_MANAGEMENT));
    var mysql =
        new MySqlEndpoint(
            services.jdbcUrl(), PlatformServices.MYSQL_USER, PlatformServices.MYSQL_PASSWORD);
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    ExecutorService signups = Executors.newFixedThreadPool(8);
    ExecutorService steps = Executors.newFixedThreadPool(64);
    try (var platform =
        new PlatformClients(client, "baseline", PodAddresses.CLUSTER, Clock.systemUTC())) {
      long start = System.nanoTime();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      SteadyRate.offer(
          count,
          rate,
          i -> {
            String name = String.format(Locale.ROOT, "base-%04d", i);
            all.add(
                CompletableFuture.runAsync(
                    () -> {
                      long began = System.nanoTime();
                      onboard(services, client, platform, rabbit, mysql, ns, name, steps);
                      millis.add((System.nanoTime() - began) / 1_000_000);
                    },
                    signups));
          });
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      double total = (System.nanoTime() - start) / 1e9;
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return new Result(sorted, total);
    } finally {
      signups.shutdownNow();
      steps.shutdownNow();
    }
  }

  private static void onboard(
      PlatformServices services,
      KubernetesClient client,
      PlatformClients platform,
      RabbitEndpoint rabbit,
      MySqlEndpoint mysql,
      String ns,
      String name,
      ExecutorService steps) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name + "-credentials")
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of("apiKey", name, "brokerUser", name, "brokerPassword", name))
                .build())
        .create();
    String user = ns + "/" + name;
    CompletableFuture.allOf(
            CompletableFuture.runAsync(
                unchecked(
                    () ->
                        new RabbitTenantQueues(
                                platform.rabbit(),
                                platform.management(),
                                rabbit,
                                io.stevedore.contract.RabbitQueueSettings.DEFAULT,
                                new io.stevedore.operator.platform.ResourceOwner(name, false))
                            .declareQueues(TenantQueues.of(ns, name))),
                steps),
            CompletableFuture.runAsync(
                unchecked(
                    () -> {
                      platform.management().putUser(rabbit, user, name);
                      platform.management().putPermissions(rabbit, user, "^$", "^$", "^$");
                    }),
                steps),
            CompletableFuture.runAsync(
                () ->
                    RecordTables.ensure(
                        services.dynamo(),
                        RecordTable.name("b-", ns, name),
                        true,
                        new io.stevedore.operator.platform.ResourceOwner(name, false),
                        null),
                steps),
            CompletableFuture.runAsync(
                unchecked(
                    () ->
                        platform
                            .tenantConfig()
                            .ensure(
                                mysql,
                                ns,
                                name,
                                new io.stevedore.operator.platform.ResourceOwner(name, false),
                                true)),
                steps))
        .join();
    client
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withGenerateName(name + ".")
                .withNamespace(ns)
                .endMetadata()
                .withReason("Provisioned")
                .withMessage("baseline")
                .withType("Normal")
                .withFirstTimestamp(Instant.now().toString())
                .withNewInvolvedObject()
                .withKind("Secret")
                .withName(name + "-credentials")
                .withNamespace(ns)
                .endInvolvedObject()
                .build())
        .create();
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Runnable unchecked(Work work) {
    return () -> {
      try {
        work.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
