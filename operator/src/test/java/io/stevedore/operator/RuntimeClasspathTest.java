package io.stevedore.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's image carries no test server: its runtime dependencies (what the build copies to
 * target/lib, which the Dockerfile ships) hold none of the stand-ins the sandbox and the tests use.
 */
class RuntimeClasspathTest {
  /** Listed by the build (dependency:list, runtime scope) before the tests run. */
  private static final Path RUNTIME_DEPENDENCIES = Path.of("target", "runtime-dependencies.txt");

  private static final List<String> TEST_SERVERS =
      List.of(
          "io.fabric8:kubernetes-server-mock:",
          "io.fabric8:mockwebserver:",
          "com.amazonaws:DynamoDBLocal:",
          "org.elasticmq:",
          "io.stevedore:stevedore-sandbox-cluster:",
          "io.stevedore:stevedore-local-aws:",
          "io.stevedore:stevedore-faults:");

  @Test
  void noTestServerIsARuntimeDependency() throws IOException {
    List<String> dependencies =
        Files.readAllLines(RUNTIME_DEPENDENCIES).stream()
            .map(String::strip)
            .filter(line -> line.chars().filter(c -> c == ':').count() >= 4)
            .toList();

    // The list is the real one: the operator's own client and framework are in it.
    assertThat(dependencies)
        .anyMatch(d -> d.startsWith("io.fabric8:kubernetes-client:"))
        .anyMatch(d -> d.startsWith("io.javaoperatorsdk:operator-framework-core:"));
    assertThat(dependencies)
        .as("runtime dependencies of the operator (%s)", RUNTIME_DEPENDENCIES.toAbsolutePath())
        .noneMatch(d -> TEST_SERVERS.stream().anyMatch(d::startsWith));
  }
}
