package io.stevedore.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.contract.RecordTable;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Probe events of a benchmark's tenants: sent through ingest as the tenant's agents would, and the
 * latest one stored found in the tenant's table (DynamoDB), to time what the platform did to them.
 */
final class ProbeEvents {
  private static final String DEVICE = "probe";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DynamoDbClient dynamo;
  private final int ingestPort;
  private final List<String> names;
  private final Map<String, String> apiKeys = new HashMap<>();
  private final Map<String, String> tables = new HashMap<>();

  ProbeEvents(
      DynamoDbClient dynamo,
      int ingestPort,
      KubernetesClient client,
      String ns,
      List<String> names) {
    this.dynamo = dynamo;
    this.ingestPort = ingestPort;
    this.names = List.copyOf(names);
    for (String name : names) {
      String key =
          client.secrets().inNamespace(ns).withName("tenant-" + name).get().getData().get("apiKey");
      apiKeys.put(name, new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8));
      tables.put(
          name,
          client
              .resources(Tenant.class)
              .inNamespace(ns)
              .withName(name)
              .get()
              .getStatus()
              .getTable());
    }
  }

  /**
   * Sends every tenant one event marked {@code round} (again until ingest accepts it) and waits
   * until each is its tenant's latest stored event: milliseconds from accepted to stored.
   */
  Map<String, Long> sendRoundAndAwait(int round, Duration timeout) throws InterruptedException {
    Map<String, Long> sentAt = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String name : names) {
      while (send(name, Map.of("temp", 1, "round", round)) != 202) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("ingest does not accept " + name);
        }
        Thread.sleep(200);
      }
      sentAt.put(name, System.nanoTime());
    }
    return awaitLatest(
        sentAt,
        payload ->
            Optional.ofNullable(payload.get("round"))
                .map(v -> v.n().equals(Integer.toString(round)))
                .orElse(false),
        deadline);
  }

  /** Sends every tenant one event with a `temp` field, all at once; failures are ignored. */
  void sendAll() {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (String name : names) {
      sent.add(
          HTTP.sendAsync(request(name, Map.of("temp", 1)), HttpResponse.BodyHandlers.discarding()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }

  /**
   * Waits until each tenant's latest stored event has payload field {@code field}: milliseconds
   * from {@code since} (filled in as edits are made) to when that was seen.
   */
  Map<String, Long> awaitField(String field, Map<String, Long> since, Duration timeout)
      throws InterruptedException {
    return awaitLatest(
        since, payload -> payload.containsKey(field), System.nanoTime() + timeout.toNanos());
  }

  private Map<String, Long> awaitLatest(
      Map<String, Long> since,
      java.util.function.Predicate<Map<String, AttributeValue>> done,
      long deadline)
      throws InterruptedException {
    Map<String, Long> millis = new HashMap<>();
    while (millis.size() < names.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(millis.size() + " of " + names.size() + " tenants seen");
      }
      for (String name : names) {
        Long start = since.get(name);
        if (start != null
            && !millis.containsKey(name)
            && latestPayload(name).map(done::test).orElse(false)) {
          millis.put(name, (System.nanoTime() - start) / 1_000_000);
        }
      }
      Thread.sleep(100);
    }
    return millis;
  }

  private Optional<Map<String, AttributeValue>> latestPayload(String name) {
    var items =
        dynamo
            .query(
                q ->
                    q.tableName(tables.get(name))
                        .keyConditionExpression("#d = :d")
                        .expressionAttributeNames(Map.of("#d", RecordTable.DEVICE_ID))
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(DEVICE)))
                        .scanIndexForward(false)
                        .limit(1))
            .items();
    return items.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(items.get(0).get(RecordTable.PAYLOAD)).map(AttributeValue::m);
  }

  private int send(String name, Map<String, Object> payload) {
    try {
      return HTTP.send(request(name, payload), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpRequest request(String name, Map<String, Object> payload) {
    var fields = new StringBuilder();
    payload.forEach(
        (k, v) ->
            fields
                .append(fields.isEmpty() ? "" : ",")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
    String body =
        """
        {"events":[{"deviceId":"%s","eventId":"%s","timestamp":"%s","type":"reading","payload":{%s}}]}
        """
            .formatted(DEVICE, UUID.randomUUID(), Instant.now(), fields);
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/v1/events"))
        .header("Authorization", "Bearer " + apiKeys.get(name))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
