package io.stevedore.runtime.broker.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.RunningRuntime;
import io.stevedore.sandbox.aws.LocalSqs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On SQS too, ingest is ready only while its broker answers. */
class SqsIngestReadinessIT {

  @Test
  void ingestIsReadyWhileSqsAnswersAndNotReadyWithoutIt() {
    try (var sqs = LocalSqs.start();
        var up = RunningRuntime.start(ingestOnSqs(sqs.endpoint()))) {
      assertThat(up.getFromManagementPort("/actuator/health/readiness").statusCode())
          .isEqualTo(200);
    }
    try (var down = RunningRuntime.start(ingestOnSqs("http://127.0.0.1:1"))) {
      assertThat(down.getFromManagementPort("/actuator/health/readiness").statusCode())
          .isEqualTo(503);
      assertThat(down.getFromManagementPort("/actuator/health/liveness").statusCode())
          .isEqualTo(200);
    }
  }

  private static Map<String, String> ingestOnSqs(String endpoint) {
    return Map.of(
        "STEVEDORE_ROLE", "ingest",
        "STEVEDORE_BROKER_TYPE", "sqs",
        "STEVEDORE_BROKER_SQS_REGION", "eu-west-1",
        "STEVEDORE_BROKER_SQS_ENDPOINT", endpoint);
  }
}
