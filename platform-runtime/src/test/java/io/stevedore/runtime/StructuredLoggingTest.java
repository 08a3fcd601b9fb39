package io.stevedore.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Logs are ECS JSON lines on stdout by default, and plain text under the "local" profile. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

  @Test
  void logsEcsJsonByDefault(CapturedOutput output) {
    Map<String, String> environment =
        Map.of("STEVEDORE_ROLE", "worker", "STEVEDORE_ENVIRONMENT", "staging");
    try (RunningRuntime runtime = RunningRuntime.start(environment)) {
      String line =
          output.getOut().lines().filter(l -> l.contains("Role worker")).findFirst().orElseThrow();
      JsonNode event = JsonMapper.shared().readTree(line);
      assertThat(event.at("/log/level").asString()).isEqualTo("INFO");
      assertThat(event.at("/service/name").asString()).isEqualTo("stevedore-platform-runtime");
      assertThat(event.at("/service/environment").asString()).isEqualTo("staging");
      assertThat(event.at("/message").asString()).startsWith("Role worker");
    }
  }

  @Test
  void localProfileLogsPlainText(CapturedOutput output) {
    Map<String, String> environment =
        Map.of("STEVEDORE_ROLE", "worker", "SPRING_PROFILES_ACTIVE", "local");
    try (RunningRuntime runtime = RunningRuntime.start(environment)) {
      assertThat(output.getOut().lines().filter(line -> line.contains("Role worker")))
          .singleElement()
          .satisfies(line -> assertThat(line).doesNotStartWith("{"));
    }
  }
}
