package io.stevedore.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short versions of `./stevedore bench chaos`'s operator scenarios, with the operator as a process
 * of its own: SIGKILLed while Tenants come and go (afterwards each is Ready or gone, and nothing of
 * a gone one is left on the scenario's private RabbitMQ, MariaDB and DynamoDB), and fed generated
 * specs (each gets a verdict, the operator neither dies nor logs an error).
 */
class OperatorChaosIT {
  private static final ChaosSettings SETTINGS = ChaosSettings.shortVersion();

  @TempDir static Path directory;
  private static OperatorPlatform platform;
  private static OperatorScenarios scenarios;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = new OperatorPlatform(directory, System.out);
    scenarios = new OperatorScenarios(platform, SETTINGS, System.out, 13);
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void anOperatorKilledWhileTenantsComeAndGoLeavesEachReadyOrGoneWithoutLeftovers()
      throws Exception {
    var result = scenarios.operatorKills();
    System.out.println(result.line());
    assertThat(result.clean()).as(result.line()).isTrue();
  }

  @Test
  void generatedSpecsEachGetAVerdictAndTheOperatorNeitherDiesNorLogsAnError() throws Exception {
    var result = scenarios.generatedSpecs();
    System.out.println(result.line());
    assertThat(result.clean()).as(result.line()).isTrue();
  }
}
