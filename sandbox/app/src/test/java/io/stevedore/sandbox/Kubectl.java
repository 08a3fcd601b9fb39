package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.fail;

import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** A kubectl that runs until closed (`get -w`), its output (and errors) readable meanwhile. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final Path out;

    private Running(Process process, Path out) {
      this.process = process;
      this.out = out;
    }

    String output() {
      return read(out);
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(out);
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
    return run(Map.of(), args);
  }

  /** As {@link #run(String...)}, with extra environment variables (KUBE_EDITOR for `edit`). */
  Result run(Map<String, String> environment, String... args) {
    Path out = temporaryFile();
    Path err = temporaryFile();
    try {
      Process process =
          process(environment, args)
              .redirectError(err.toFile())
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(
            "kubectl %s did not finish in %d s; stderr: %s",
            String.join(" ", args), CALL_TIMEOUT_SECONDS, read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      out.toFile().delete();
      err.toFile().delete();
    }
  }

  Running start(String... args) {
    Path out = temporaryFile();
    try {
      return new Running(
          process(Map.of(), args).redirectErrorStream(true).redirectOutput(out.toFile()).start(),
          out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessBuilder process(Map<String, String> environment, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir.toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(environment);
    return builder;
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("kubectl", ".out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
