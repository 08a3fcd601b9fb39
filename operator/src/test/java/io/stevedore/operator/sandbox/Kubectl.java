package io.stevedore.operator.sandbox;

import static org.assertj.core.api.Assertions.fail;

import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl binary that `./stevedore tools` installs, run as a process against a kubeconfig.
 */
final class Kubectl {
  /** Longest a single kubectl call may take before the test fails (`wait` has its own timeouts). */
  private static final long CALL_TIMEOUT_SECONDS = 90;

  /** What one call printed and how it exited. */
  record Result(int exitCode, String out, String err) {
    Result succeeded() {
      if (exitCode != 0) {
        fail("kubectl exited %d%nstdout: %s%nstderr: %s", exitCode, out, err);
      }
      return this;
    }
  }

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;

  private Kubectl(Path binary, Path kubeconfig, Path cacheDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /**
   * kubectl from {@code -Dstevedore.kubectl} or {@code .tools/bin/kubectl}; a missing binary fails
   * the test (it is never skipped): `./stevedore test` installs it.
   */
  static Kubectl installed(Path kubeconfig, Path workDir) {
    String configured = System.getProperty("stevedore.kubectl");
    Path binary =
        configured != null
            ? Path.of(configured)
            : RepositoryPaths.root().resolve(".tools/bin/kubectl");
    if (!Files.isExecutable(binary)) {
      fail(
          "kubectl is not installed at %s: run ./stevedore tools (./stevedore test does it) or set"
              + " -Dstevedore.kubectl=PATH",
          binary);
    }
    return new Kubectl(binary, kubeconfig, workDir.resolve("kube-cache"));
  }

  Result run(String... args) {
    return run(java.util.Map.of(), args);
  }

  /** A kubectl that runs until closed (`get -w`), its output readable meanwhile. */
  final class Running implements AutoCloseable {
    private final Process process;
    private final Path out;

    private Running(Process process, Path out) {
      this.process = process;
      this.out = out;
    }

    String output() {
      try {
        return Files.readString(out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  Running start(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      var builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true);
      builder.environment().remove("KUBECONFIG");
      return new Running(builder.start(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #run(String...)}, with extra environment variables (EDITOR for `kubectl edit`). */
  Result run(java.util.Map<String, String> environment, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        var builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail(
              "kubectl %s did not finish in %d s; stderr: %s",
              String.join(" ", args), CALL_TIMEOUT_SECONDS, Files.readString(err));
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
