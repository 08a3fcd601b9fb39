package io.stevedore.sandbox.chaos;

import io.stevedore.operator.Main;
import io.stevedore.sandbox.aws.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The operator as production runs it (`java -jar stevedore-operator.jar run`: {@link Main}, the
 * kubeconfig's API), in a JVM of its own so that a scenario can SIGKILL it; each incarnation logs
 * to a file of its own. One incarnation at a time, without leader election: a Deployment of one
 * replica whose pod was killed.
 */
final class OperatorProcess implements AutoCloseable {
  /** What an unhandled failure leaves in the operator's log (JOSDK and the JVM both log these). */
  private static final Pattern UNHANDLED =
      Pattern.compile("Exception in thread|\\bERROR\\b|OutOfMemoryError|StackOverflowError");

  private final Path directory;
  private final Path kubeconfig;
  private final List<Path> logs = new ArrayList<>();
  private final List<Process> unexpectedExits = new ArrayList<>();
  private Process process;
  private int incarnation;
  private boolean killed;
  private boolean closed;

  OperatorProcess(Path directory, Path kubeconfig) {
    this.directory = directory;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Starts an incarnation (if none runs); one that had died by itself counts as a crash. Like a
   * Deployment's pod, an incarnation that dies by itself is started again (after a second).
   */
  synchronized void start() throws IOException {
    if (process != null) {
      if (process.isAlive()) {
        return;
      }
      if (!killed) {
        unexpectedExits.add(process);
      }
    }
    killed = false;
    Path log = directory.resolve("operator-" + (++incarnation) + ".log");
    Files.createDirectories(directory);
    var builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run");
    var env = builder.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("STEVEDORE_LEADER_ELECTION", "false");
    // The mock API server cannot take a WebSocket watch on an HTTP/2-capable client's connection.
    env.put("KUBERNETES_HTTP2_DISABLE", "true");
    // On a loaded machine the embedded API can take seconds to answer a WebSocket handshake.
    env.put("KUBERNETES_CONNECTION_TIMEOUT", "60000");
    env.put("KUBERNETES_REQUEST_TIMEOUT", "60000");
    env.put("STEVEDORE_HEALTH_PORT", String.valueOf(FreePorts.next()));
    env.put("AWS_ACCESS_KEY_ID", "chaos");
    env.put("AWS_SECRET_ACCESS_KEY", "chaos");
    env.put("AWS_REGION", LocalAws.REGION.id());
    process =
        ChildProcesses.track(
            builder.redirectErrorStream(true).redirectOutput(log.toFile()).start());
    logs.add(log);
    Process started = process;
    started.onExit().thenRun(() -> restartAfterCrash(started));
  }

  private void restartAfterCrash(Process exited) {
    synchronized (this) {
      if (closed || exited != process || killed) {
        return;
      }
    }
    try {
      Thread.sleep(1_000);
      synchronized (this) {
        if (!closed && exited == process && !killed) {
          start();
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: no shutdown hook, reconciliations cut wherever they are. */
  synchronized void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      killed = true;
      process.destroyForcibly().waitFor();
    }
  }

  /** Incarnations that ended without being killed. */
  synchronized int crashes() {
    int dead = unexpectedExits.size();
    return process != null && !process.isAlive() && !killed ? dead + 1 : dead;
  }

  /** Lines of every incarnation's log that report an unhandled failure. */
  List<String> unhandledFailures() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path log : logs) {
      try (var lines = Files.lines(log)) {
        lines
            .filter(line -> UNHANDLED.matcher(line).find())
            .forEach(line -> found.add(log.getFileName() + ": " + line));
      }
    }
    return found;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    closed = true;
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
