package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.RepositoryPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * `stevedore sandbox --once`: the examples in crds/examples, pointed at this machine's services,
 * all become Ready with the platform running as local processes, and it says so.
 */
class SandboxTest {

  @Test
  void onceExitsZeroWithEveryExampleReadyInTheTable() throws Exception {
    var captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          Sandbox.run(
              new String[] {
                "--once",
                "--timeout",
                "240",
                "--runtime-jar",
                RepositoryPaths.root()
                    .resolve("platform-runtime/target/stevedore-platform-runtime.jar")
                    .toString()
              });
    } finally {
      System.setOut(original);
    }
    String table = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(table).isZero();
    assertThat(table)
        .contains("platform-runtime processes run by the local kubelet")
        .contains("All 6 example resources Ready")
        .containsPattern("Environment\\s+staging\\s+True\\s+Available")
        .containsPattern("WorkerPool\\s+standard\\s+True")
        .containsPattern("WorkerPool\\s+premium\\s+True")
        .containsPattern("Tenant\\s+acme\\s+True")
        .containsPattern("Tenant\\s+globex\\s+True")
        .containsPattern("Tenant\\s+initech\\s+True")
        .containsPattern("Secret\\s+tenant-acme\\s+api key")
        .containsPattern("Secret\\s+staging-tenants\\s+tenant directory")
        .containsPattern("ConfigMap\\s+standard-tenants\\s+1 keys");
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    assertThat(Sandbox.run(new String[] {"--bogus"})).isEqualTo(2);
  }
}
