package io.stevedore.sandbox;

import static org.awaitility.Awaitility.await;

import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox as a user runs it: its main in a JVM of its own (`./stevedore sandbox` execs java),
 * in a working directory whose .sandbox/ holds its run records; output in sandbox.log there.
 */
final class SandboxProcess implements AutoCloseable {
  private final Process process;
  private final Path directory;

  private SandboxProcess(Process process, Path directory) {
    this.process = process;
    this.directory = directory;
  }

  static SandboxProcess start(Path directory, String... options) throws IOException {
    Path runtimeJar =
        RepositoryPaths.root().resolve("platform-runtime/target/stevedore-platform-runtime.jar");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Sandbox.class.getName(),
                "--runtime-jar",
                runtimeJar.toString()));
    command.addAll(List.of(options));
    var process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("sandbox.log").toFile()))
            .start();
    return new SandboxProcess(process, directory);
  }

  /** Where this sandbox records its runs. */
  Path runs() {
    return directory.resolve(".sandbox").resolve("runs");
  }

  /** The run record of this process, once its kubelet has started at least one pod. */
  RunRecord awaitPods() {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .failFast("the sandbox exited; see " + directory.resolve("sandbox.log"), () -> !isAlive())
        .until(this::ownRecordWithPods, record -> record != null);
  }

  private RunRecord ownRecordWithPods() {
    return RunRecord.all(runs()).stream()
        .filter(r -> r.owner().pid() == process.pid() && !r.pods().isEmpty())
        .findFirst()
        .orElse(null);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends {@code signal} (TERM, HUP, INT, KILL) as `kill -SIGNAL pid` does. */
  void signal(String signal) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid() + " exited " + exit);
    }
  }

  /** Waits until the sandbox's JVM has exited (its shutdown included). */
  void awaitExit(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
