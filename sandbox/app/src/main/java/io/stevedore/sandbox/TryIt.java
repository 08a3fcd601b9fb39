package io.stevedore.sandbox;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "Try it" block the sandbox prints once the platform is up (pure): for each Environment, its
 * ingest address, a tenant's API key and two curl lines, one that posts an event and one that reads
 * it back from the query API, which ingest serves on the same port.
 */
public final class TryIt {
  /** The device the printed event comes from. */
  public static final String DEVICE = "try-it";

  /**
   * The path of the tenant dashboard page under ingest's address: the block prints a "Dashboard"
   * line for every Environment.
   */
  static final Optional<String> DASHBOARD_PATH = Optional.of("dashboard");

  private TryIt() {}

  /**
   * What the sandbox found for one Environment.
   *
   * @param environment the Environment's name
   * @param broker its broker type (RabbitMQ, SQS)
   * @param tenant a Ready tenant of it
   * @param ingest where one of its ingest pods listens
   * @param apiKey the tenant's API key, from the Secret the operator wrote
   */
  public record Target(
      String environment, String broker, String tenant, URI ingest, String apiKey) {}

  /** Every address the block prints, assembled here and nowhere else. */
  public record Addresses(URI ingest, URI events, URI deviceEvents, Optional<URI> dashboard) {}

  /** One HTTP request, printed as a curl line; what a reader runs is exactly this. */
  public record Request(String method, URI uri, Map<String, String> headers, String body) {
    /** The request as one curl command line (single quotes: no value holds one). */
    public String curl() {
      StringBuilder line = new StringBuilder("curl -sS");
      if (!"GET".equals(method)) {
        line.append(" -X ").append(method);
      }
      line.append(" '").append(uri).append('\'');
      headers.forEach(
          (name, value) ->
              line.append(" -H '").append(name).append(": ").append(value).append('\''));
      if (body != null) {
        line.append(" -d '").append(body).append('\'');
      }
      return line.toString();
    }
  }

  /** The address of an ingest pod the sandbox's kubelet runs on {@code port}. */
  public static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The addresses of an Environment whose ingest listens at {@code ingest}. */
  public static Addresses addresses(URI ingest, Instant at) {
    return addresses(ingest, at, DASHBOARD_PATH);
  }

  static Addresses addresses(URI ingest, Instant at, Optional<String> dashboardPath) {
    URI base = URI.create(ingest.toString().replaceAll("/+$", "") + "/");
    return new Addresses(
        base,
        base.resolve("v1/events"),
        base.resolve("v1/devices/" + DEVICE + "/events?from=" + second(at)),
        dashboardPath.map(p -> base.resolve(p.replaceAll("^/+", ""))));
  }

  /** The event the block posts and the request that reads it back, for {@code target}. */
  public static List<Request> requests(Target target, Instant at) {
    var addresses = addresses(target.ingest(), at);
    Map<String, String> auth = Map.of("Authorization", "Bearer " + target.apiKey());
    Map<String, String> post = new LinkedHashMap<>(auth);
    post.put("Content-Type", "application/json");
    String event =
        "{\"events\":[{\"deviceId\":\""
            + DEVICE
            + "\",\"eventId\":\""
            + eventId(target, at)
            + "\",\"timestamp\":\""
            + second(at)
            + "\",\"type\":\"location\",\"payload\":{\"latitude\":52.37,\"longitude\":4.89}}]}";
    return List.of(
        new Request("POST", addresses.events(), post, event),
        new Request("GET", addresses.deviceEvents(), auth, null));
  }

  /** The id of the event posted for {@code target}, found again in the read-back. */
  public static String eventId(Target target, Instant at) {
    return "try-it-" + target.environment() + "-" + at.getEpochSecond();
  }

  /** The block for {@code targets}, as of {@code at}; empty when there is nothing to try yet. */
  public static String render(List<Target> targets, Instant at) {
    return render(targets, at, DASHBOARD_PATH);
  }

  static String render(List<Target> targets, Instant at, Optional<String> dashboardPath) {
    if (targets.isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    lines.add("Try it (the query API is on ingest's port):");
    for (Target target : targets) {
      var addresses = addresses(target.ingest(), at, dashboardPath);
      lines.add("");
      lines.add(
          "  Environment "
              + target.environment()
              + " ("
              + target.broker()
              + "), tenant "
              + target.tenant());
      lines.add("  Ingest:  " + addresses.ingest());
      addresses.dashboard().ifPresent(d -> lines.add("  Dashboard: " + d));
      lines.add(
          "  API key: "
              + target.apiKey()
              + "   (Secret tenant-"
              + target.tenant()
              + ", key apiKey)");
      for (Request request : requests(target, at)) {
        lines.add("  " + request.curl());
      }
    }
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private static String second(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
