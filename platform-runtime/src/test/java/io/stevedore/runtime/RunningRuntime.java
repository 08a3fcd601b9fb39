package io.stevedore.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: the runtime started as the operator starts it, spoken to over real HTTP. */
final class RunningRuntime implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final ConfigurableApplicationContext context;

  private RunningRuntime(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts the app with these environment variables in place of the real ones. */
  static RunningRuntime start(Map<String, String> environmentVariables) {
    return new RunningRuntime(run(environmentVariables));
  }

  /** Runs the app as the operator would launch it, but on random ports. */
  static ConfigurableApplicationContext run(Map<String, String> environmentVariables) {
    return new SpringApplicationBuilder(StevedoreRuntimeApplication.class)
        .environment(TestEnvironments.withVariables(environmentVariables))
        .registerShutdownHook(false)
        .run("--server.port=0", "--management.server.port=0");
  }

  HttpResponse<String> getFromManagementPort(String path) {
    return get(context.getEnvironment().getRequiredProperty("local.management.port"), path);
  }

  HttpResponse<String> getFromServerPort(String path) {
    return get(context.getEnvironment().getRequiredProperty("local.server.port"), path);
  }

  static JsonNode json(HttpResponse<String> response) {
    return JsonMapper.shared().readTree(response.body());
  }

  private static HttpResponse<String> get(String port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path + " interrupted", e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
