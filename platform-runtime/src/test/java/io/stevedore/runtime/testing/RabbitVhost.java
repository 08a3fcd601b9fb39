package io.stevedore.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A virtual host of a test's own on the machine's RabbitMQ, where guest may do everything; deleted
 * with all it holds on close. Made with rabbitmqctl, which works whether or not the management
 * plugin is enabled (the tests run as root, as `./stevedore test` does).
 */
public final class RabbitVhost implements AutoCloseable {
  private final String name;

  private RabbitVhost(String name) {
    this.name = name;
  }

  /** Creates {@code stevedore-<prefix>-<random>} and grants guest everything in it. */
  public static RabbitVhost create(String prefix) {
    String name = "stevedore-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    rabbitmqctl("add_vhost", name);
    var vhost = new RabbitVhost(name);
    try {
      rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
      return vhost;
    } catch (RuntimeException e) {
      vhost.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    rabbitmqctl("delete_vhost", name);
  }

  private static void rabbitmqctl(String... arguments) {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("rabbitmqctl is needed (the machine's RabbitMQ)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
