package io.stevedore.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short versions of `./stevedore bench chaos`'s event scenarios, on real processes: a private
 * RabbitMQ node and MariaDB that are stopped for real, DynamoDB Local behind a proxy that refuses,
 * worker JVMs SIGKILLed. Every event answered 202 is stored exactly once, nothing dead-lettered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventChaosIT {
  private static final ChaosSettings SETTINGS = ChaosSettings.shortVersion();

  @TempDir static Path directory;
  private static ChaosPlatform platform;
  private static DataScenarios scenarios;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = ChaosPlatform.start(directory, System.out);
    scenarios = new DataScenarios(platform, SETTINGS, System.out, 13);
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void workersSigkilledMidStreamLoseAndDuplicateNothing() throws Exception {
    assertClean(scenarios.workerKills());
  }

  @Test
  @Order(2)
  void rabbitMqStoppedMidStreamMeans503sNeverLostEventsAndTheWorkersStay() throws Exception {
    assertClean(scenarios.rabbitOutage());
  }

  @Test
  @Order(3)
  void dynamoDbUnavailableMidStreamPausesTheWorkersAndDeadLettersNothing() throws Exception {
    assertClean(scenarios.dynamoOutage());
  }

  @Test
  @Order(4)
  void mariaDbStoppedMidStreamPausesTheWorkersAndDeadLettersNothing() throws Exception {
    assertClean(scenarios.mariadbOutage());
  }

  private static void assertClean(ScenarioResult result) {
    System.out.println(result.line());
    assertThat(result.accepted()).isPositive();
    assertThat(result.clean()).as(result.line()).isTrue();
  }
}
