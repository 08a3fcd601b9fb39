package io.stevedore.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own rule checker, {@code promtool} from Debian's {@code prometheus} package (the test
 * set-up of {@code ./stevedore test} installs it). A missing promtool fails the test: never a skip.
 */
final class Promtool {

  /** What one run printed and how it ended. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private Promtool() {}

  /** {@code promtool check rules FILE...}. */
  static Result checkRules(Path... files) {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (Path file : files) {
      args.add(file.toString());
    }
    return run(files[0].getParent(), args);
  }

  /** {@code promtool test rules FILE}, run where the file's rule_files are. */
  static Result testRules(Path testFile) {
    return run(testFile.getParent(), List.of("test", "rules", testFile.getFileName().toString()));
  }

  private static Result run(Path directory, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("promtool");
    command.addAll(args);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool did not finish in 60 s: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot run promtool: install Debian's prometheus package (./stevedore test does)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
