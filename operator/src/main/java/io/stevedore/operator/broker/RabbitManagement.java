package io.stevedore.operator.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.RabbitQueueSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RabbitMQ management HTTP API, for what AMQP cannot do: broker users and their permissions,
 * and per-queue statistics (unacknowledged messages, consumers, rates).
 */
public final class RabbitManagement implements BrokerUserAdmin {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final int QUEUE_POLICY_PRIORITY = 1000;

  /**
   * A queue's statistics. The broker samples them (every 5 s by default), so they lag; for an exact
   * ready count use {@link RabbitConnections#inspect}.
   *
   * @param ready messages ready for delivery
   * @param unacknowledged messages delivered and not yet acknowledged
   * @param consumers consumers attached
   * @param publishRate messages per second published to the queue
   * @param deliverRate messages per second delivered to consumers
   * @param ackRate messages per second acknowledged by consumers
   */
  public record QueueStats(
      long ready,
      long unacknowledged,
      int consumers,
      double publishRate,
      double deliverRate,
      double ackRate) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1: the h2c upgrade that HTTP/2 mode offers breaks PUTs with a body on RabbitMQ.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  /** The queue's statistics, or empty when the queue does not exist. */
  public Optional<QueueStats> queue(RabbitEndpoint endpoint, String queue) throws BrokerException {
    return queueJson(endpoint, queue).map(RabbitManagement::stats);
  }

  /** The queue's type as the broker reports it; empty when the queue does not exist. */
  public Optional<RabbitQueueSettings.QueueType> queueType(RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    return queueJson(endpoint, queue)
        .map(node -> node.path("type").asText())
        .flatMap(
            type ->
                Arrays.stream(RabbitQueueSettings.QueueType.values())
                    .filter(t -> t.argument().equals(type))
                    .findFirst());
  }

  /** The arguments the queue was declared with; empty when the queue does not exist. */
  public Optional<JsonNode> queueArguments(RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    return queueJson(endpoint, queue).map(node -> node.path("arguments"));
  }

  private Optional<JsonNode> queueJson(RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    var response =
        send(endpoint, "GET", "/api/queues/" + vhost(endpoint) + "/" + encode(queue), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(json(endpoint, response));
  }

  /** The statistics columns of a queue listing: the fields {@link QueueStats} reads, no more. */
  private static final String STATS_COLUMNS =
      "name,messages_ready,messages_unacknowledged,consumers,"
          + "message_stats.publish_details.rate,message_stats.deliver_get_details.rate,"
          + "message_stats.ack_details.rate";

  /**
   * The statistics of every queue in the endpoint's vhost, by name, in one request: what a pool of
   * many tenants needs costs one call, not one per queue.
   */
  public Map<String, QueueStats> queues(RabbitEndpoint endpoint) throws BrokerException {
    var response =
        send(endpoint, "GET", "/api/queues/" + vhost(endpoint) + "?columns=" + STATS_COLUMNS, null);
    Map<String, QueueStats> stats = new HashMap<>();
    for (JsonNode node : json(endpoint, response)) {
      stats.put(node.path("name").asText(), stats(node));
    }
    return stats;
  }

  private static QueueStats stats(JsonNode node) {
    JsonNode stats = node.path("message_stats");
    return new QueueStats(
        node.path("messages_ready").asLong(0),
        node.path("messages_unacknowledged").asLong(0),
        node.path("consumers").asInt(0),
        stats.path("publish_details").path("rate").asDouble(0),
        stats.path("deliver_get_details").path("rate").asDouble(0),
        stats.path("ack_details").path("rate").asDouble(0));
  }

  /** Creates the user, or sets its password if it exists; it gets no management tags. */
  public void putUser(RabbitEndpoint endpoint, String user, String password)
      throws BrokerException {
    putUser(endpoint, user, password, "");
  }

  /**
   * As {@link #putUser(RabbitEndpoint, String, String)}, with {@code tags} (comma-separated; tags
   * other than the management ones grant nothing, they only mark the user).
   */
  @Override
  public void putUser(RabbitEndpoint endpoint, String user, String password, String tags)
      throws BrokerException {
    expectSuccess(
        endpoint,
        send(
            endpoint,
            "PUT",
            "/api/users/" + encode(user),
            Map.of("password", password, "tags", tags)));
  }

  /** The user's tags; empty when the user does not exist. */
  @Override
  public Optional<java.util.List<String>> userTags(RabbitEndpoint endpoint, String user)
      throws BrokerException {
    var response = send(endpoint, "GET", "/api/users/" + encode(user), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    java.util.List<String> tags = new java.util.ArrayList<>();
    JsonNode node = json(endpoint, response).path("tags");
    // 3.10 answers a list; older brokers a comma-separated string.
    if (node.isArray()) {
      node.forEach(t -> tags.add(t.asText()));
    } else if (!node.asText().isEmpty()) {
      tags.addAll(java.util.List.of(node.asText().split(",")));
    }
    return Optional.of(tags);
  }

  /** A user's permissions in a vhost: resource-name regular expressions. */
  public record Permissions(String configure, String write, String read) {}

  /**
   * The user's password hash as the broker stores it (base64 of a 4-byte salt and the salted
   * digest), or empty when the user does not exist.
   */
  @Override
  public Optional<String> passwordHash(RabbitEndpoint endpoint, String user)
      throws BrokerException {
    var response = send(endpoint, "GET", "/api/users/" + encode(user), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(json(endpoint, response).path("password_hash").asText(""));
  }

  /** The user's permissions in the endpoint's vhost, or empty when it has none there. */
  @Override
  public Optional<Permissions> permissions(RabbitEndpoint endpoint, String user)
      throws BrokerException {
    var response =
        send(endpoint, "GET", "/api/permissions/" + vhost(endpoint) + "/" + encode(user), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    JsonNode node = json(endpoint, response);
    return Optional.of(
        new Permissions(
            node.path("configure").asText(),
            node.path("write").asText(),
            node.path("read").asText()));
  }

  /** Whether the user exists. */
  public boolean userExists(RabbitEndpoint endpoint, String user) throws BrokerException {
    var response = send(endpoint, "GET", "/api/users/" + encode(user), null);
    if (response.statusCode() == 404) {
      return false;
    }
    expectSuccess(endpoint, response);
    return true;
  }

  /** Names of every user of the broker. */
  public java.util.List<String> users(RabbitEndpoint endpoint) throws BrokerException {
    JsonNode node = json(endpoint, send(endpoint, "GET", "/api/users", null));
    java.util.List<String> names = new java.util.ArrayList<>();
    node.forEach(user -> names.add(user.path("name").asText()));
    return names;
  }

  /** Deletes the user; a user that does not exist is already deleted. */
  @Override
  public void deleteUser(RabbitEndpoint endpoint, String user) throws BrokerException {
    deleteIfPresent(endpoint, "/api/users/" + encode(user));
  }

  /**
   * Grants {@code user} the endpoint's vhost with the given resource-name regular expressions (see
   * RabbitMQ's access control: configure, write, read).
   */
  @Override
  public void putPermissions(
      RabbitEndpoint endpoint, String user, String configure, String write, String read)
      throws BrokerException {
    expectSuccess(
        endpoint,
        send(
            endpoint,
            "PUT",
            "/api/permissions/" + vhost(endpoint) + "/" + encode(user),
            Map.of("configure", configure, "write", write, "read", read)));
  }

  /** Creates the vhost (if absent) and gives {@code user} full permissions in it. */
  public void putVhost(RabbitEndpoint endpoint, String vhost, String user) throws BrokerException {
    expectSuccess(endpoint, send(endpoint, "PUT", "/api/vhosts/" + encode(vhost), Map.of()));
    expectSuccess(
        endpoint,
        send(
            endpoint,
            "PUT",
            "/api/permissions/" + encode(vhost) + "/" + encode(user),
            Map.of("configure", ".*", "write", ".*", "read", ".*")));
  }

  /** Deletes the vhost and everything in it; a vhost that does not exist is already deleted. */
  public void deleteVhost(RabbitEndpoint endpoint, String vhost) throws BrokerException {
    deleteIfPresent(endpoint, "/api/vhosts/" + encode(vhost));
  }

  /**
   * Sets policy {@code name} on exactly queue {@code queue} of the endpoint's vhost, above any
   * other policy (a queue has one policy at a time: the highest priority).
   */
  public void putQueuePolicy(
      RabbitEndpoint endpoint, String name, String queue, Map<String, Object> definition)
      throws BrokerException {
    expectSuccess(
        endpoint,
        send(
            endpoint,
            "PUT",
            "/api/policies/" + vhost(endpoint) + "/" + encode(name),
            Map.of(
                "pattern",
                "^" + java.util.regex.Pattern.quote(queue) + "$",
                "apply-to",
                "queues",
                "priority",
                QUEUE_POLICY_PRIORITY,
                "definition",
                definition)));
  }

  /** Deletes policy {@code name}; a policy that does not exist is already deleted. */
  public void deletePolicy(RabbitEndpoint endpoint, String name) throws BrokerException {
    deleteIfPresent(endpoint, "/api/policies/" + vhost(endpoint) + "/" + encode(name));
  }

  /** A DELETE where 404 means done: what does not exist is already deleted. */
  private void deleteIfPresent(RabbitEndpoint endpoint, String path) throws BrokerException {
    var response = send(endpoint, "DELETE", path, null);
    if (response.statusCode() != 404) {
      expectSuccess(endpoint, response);
    }
  }

  private HttpResponse<String> send(
      RabbitEndpoint endpoint, String method, String path, Object body) throws BrokerException {
    if (!endpoint.hasManagement()) {
      throw new BrokerException(
          BrokerException.Failure.REJECTED, "the Environment configures no RabbitMQ managementUrl");
    }
    String base = endpoint.managementUri().toString().replaceAll("/+$", "");
    try {
      var request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(TIMEOUT)
              .header("Authorization", basic(endpoint))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new BrokerException(
            BrokerException.Failure.AUTH_FAILED,
            "management API at "
                + base
                + " refused "
                + endpoint.username()
                + " ("
                + response.statusCode()
                + ")");
      }
      return response;
    } catch (IOException e) {
      throw new BrokerException(
          BrokerException.Failure.UNAVAILABLE,
          "management API at " + base + " is unreachable: " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException(BrokerException.Failure.UNAVAILABLE, "interrupted", e);
    }
  }

  private static void expectSuccess(RabbitEndpoint endpoint, HttpResponse<String> response)
      throws BrokerException {
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new BrokerException(
          status == 404
              ? BrokerException.Failure.NOT_FOUND
              : status >= 500
                  ? BrokerException.Failure.UNAVAILABLE
                  : BrokerException.Failure.REJECTED,
          "management API "
              + response.request().method()
              + " "
              + response.request().uri().getPath()
              + " answered "
              + status
              + ": "
              + response.body());
    }
  }

  private static JsonNode json(RabbitEndpoint endpoint, HttpResponse<String> response)
      throws BrokerException {
    expectSuccess(endpoint, response);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new BrokerException(
          BrokerException.Failure.REJECTED, "management API answered no JSON: " + e, e);
    }
  }

  private static String basic(RabbitEndpoint endpoint) {
    String pair = endpoint.username() + ":" + endpoint.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String vhost(RabbitEndpoint endpoint) {
    return encode(endpoint.vhost());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
