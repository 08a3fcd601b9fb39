package io.stevedore.runtime;

import io.stevedore.runtime.testing.TestDatabase;
import io.stevedore.runtime.testing.TestTenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: the runtime started as the operator starts it, spoken to over real HTTP; by default
 * with a throwaway MariaDB database, the machine's RabbitMQ and an empty tenant directory.
 */
public final class RunningRuntime implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final ConfigurableApplicationContext context;
  private final TestDatabase database;

  private RunningRuntime(ConfigurableApplicationContext context, TestDatabase database) {
    this.context = context;
    this.database = database;
  }

  /** Starts the app with these environment variables on top of {@link #platform}. */
  public static RunningRuntime start(Map<String, String> environmentVariables) {
    TestDatabase database = TestDatabase.create();
    try {
      Map<String, String> variables = new HashMap<>(platform(database, emptyTenantDirectory()));
      variables.putAll(environmentVariables);
      return new RunningRuntime(run(variables), database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** What the operator sets on every runtime pod, pointed at this machine's services. */
  public static Map<String, String> platform(TestDatabase database, Path tenantsFile) {
    Map<String, String> variables = new HashMap<>();
    variables.put("STEVEDORE_ENVIRONMENT", "test");
    variables.put("STEVEDORE_RELEASE_VERSION", "0.0.0-test");
    variables.put("STEVEDORE_BROKER_TYPE", "rabbitmq");
    variables.put("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://127.0.0.1:5672");
    variables.put("STEVEDORE_BROKER_RABBITMQ_USERNAME", "guest");
    variables.put("STEVEDORE_BROKER_RABBITMQ_PASSWORD", "guest");
    variables.put("STEVEDORE_STORAGE_DYNAMODB_REGION", "eu-west-1");
    variables.put("STEVEDORE_STORAGE_DYNAMODB_TABLE_PREFIX", TestTenants.TABLE_PREFIX);
    variables.put("STEVEDORE_STORAGE_MYSQL_URL", database.jdbcUrl());
    variables.put("STEVEDORE_STORAGE_MYSQL_USERNAME", TestDatabase.USER);
    variables.put("STEVEDORE_STORAGE_MYSQL_PASSWORD", TestDatabase.PASSWORD);
    variables.put("STEVEDORE_TENANTS_FILE", tenantsFile.toString());
    return variables;
  }

  private static Path emptyTenantDirectory() {
    try {
      Path file = Files.createTempDirectory("tenants").resolve("tenants.json");
      Files.writeString(file, "{\"environment\":\"test\",\"tenants\":[]}");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the app as the operator would launch it, but on random ports. */
  public static ConfigurableApplicationContext run(Map<String, String> environmentVariables) {
    return new SpringApplicationBuilder(StevedoreRuntimeApplication.class)
        .environment(TestEnvironments.withVariables(environmentVariables))
        .registerShutdownHook(false)
        .run("--server.port=0", "--management.server.port=0");
  }

  public HttpResponse<String> getFromManagementPort(String path) {
    return get(context.getEnvironment().getRequiredProperty("local.management.port"), path);
  }

  public HttpResponse<String> getFromServerPort(String path) {
    return get(context.getEnvironment().getRequiredProperty("local.server.port"), path);
  }

  public static JsonNode json(HttpResponse<String> response) {
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
    try {
      context.close();
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }
}
