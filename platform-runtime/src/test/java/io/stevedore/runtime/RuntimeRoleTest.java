package io.stevedore.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.config.Role;
import io.stevedore.runtime.ingest.IngestConfiguration;
import io.stevedore.runtime.worker.WorkerConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;

/** The runtime starts in each role from the operator's environment variables and answers health. */
class RuntimeRoleTest {

  @ParameterizedTest
  @EnumSource(Role.class)
  void startsInRoleFromEnvironmentAndAnswersProbesUpOnManagementPort(Role role) {
    try (RunningRuntime runtime = RunningRuntime.start(Map.of("STEVEDORE_ROLE", role.value()))) {
      for (String probe : new String[] {"liveness", "readiness"}) {
        var response = runtime.getFromManagementPort("/actuator/health/" + probe);
        assertThat(response.statusCode()).as(probe).isEqualTo(200);
        assertThat(RunningRuntime.json(response).at("/status").asString()).isEqualTo("UP");
      }
      var info = runtime.getFromManagementPort("/actuator/info");
      assertThat(RunningRuntime.json(info).at("/stevedore/role").asString())
          .isEqualTo(role.value());
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void loadsOnlyTheBeansOfItsRole(Role role) {
    try (RunningRuntime runtime = RunningRuntime.start(Map.of("STEVEDORE_ROLE", role.value()))) {
      var context = runtime.context;
      assertThat(context.getBeanNamesForType(IngestConfiguration.class))
          .hasSize(role == Role.INGEST ? 1 : 0);
      assertThat(context.getBeanNamesForType(WorkerConfiguration.class))
          .hasSize(role == Role.WORKER ? 1 : 0);
    }
  }

  @Test
  void servesActuatorAndPrometheusOnManagementPortOnly() {
    try (RunningRuntime runtime = RunningRuntime.start(Map.of("STEVEDORE_ROLE", "ingest"))) {
      var metrics = runtime.getFromManagementPort("/actuator/prometheus");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      assertThat(runtime.getFromServerPort("/actuator/health").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void drainSecondsFromEnvironmentBoundEachGracefulShutdownPhase() {
    Map<String, String> environment =
        Map.of("STEVEDORE_ROLE", "worker", "STEVEDORE_WORKER_DRAIN_SECONDS", "7");
    try (RunningRuntime runtime = RunningRuntime.start(environment)) {
      var lifecycle = runtime.context.getBean(LifecycleProperties.class);
      assertThat(lifecycle.getTimeoutPerShutdownPhase()).isEqualTo(Duration.ofSeconds(7));
      assertThat(runtime.context.getEnvironment().getProperty("server.shutdown"))
          .isEqualTo("graceful");
    }
  }
}
