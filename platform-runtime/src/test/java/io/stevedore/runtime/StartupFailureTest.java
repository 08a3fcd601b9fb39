package io.stevedore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without a valid role the runtime refuses to start and says which property to fix. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  @Test
  void missingRoleFailsStartupNamingTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> RunningRuntime.run(Map.of())).isInstanceOf(RuntimeException.class);
    assertThat(output)
        .contains("Property: stevedore.role")
        .contains("must be set to ingest or worker (environment variable STEVEDORE_ROLE)");
  }

  @Test
  void unknownRoleFailsStartupNamingThePropertyAndValidValues(CapturedOutput output) {
    assertThatThrownBy(() -> RunningRuntime.run(Map.of("STEVEDORE_ROLE", "query")))
        .isInstanceOf(RuntimeException.class);
    assertThat(output)
        .contains("Property: stevedore.role", "query")
        .contains("The following values are valid", "INGEST", "WORKER");
  }
}
