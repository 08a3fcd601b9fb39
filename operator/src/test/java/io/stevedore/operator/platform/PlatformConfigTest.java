package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.testing.Fixtures;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformConfigTest {

  @Test
  void rabbitMqEnvironmentHasExactlyTheRabbitMqKeys() {
    var environment = Fixtures.environment("team-a", "staging");
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    rabbit.setVhost("staging");
    rabbit.setManagementUrl("http://rabbitmq.messaging.svc:15672");
    environment.getSpec().getStorage().getDynamodb().setEndpoint(null);

    assertThat(PlatformConfig.data(environment))
        .containsExactly(
            entry(
                "STEVEDORE_BROKER_RABBITMQ_MANAGEMENT_URL", "http://rabbitmq.messaging.svc:15672"),
            entry("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://rabbitmq.messaging.svc:5672"),
            entry("STEVEDORE_BROKER_RABBITMQ_VHOST", "staging"),
            entry("STEVEDORE_BROKER_TYPE", "rabbitmq"),
            entry("STEVEDORE_ENVIRONMENT", "staging"),
            entry("STEVEDORE_RELEASE_VERSION", "1.0.0"),
            entry("STEVEDORE_STORAGE_DYNAMODB_REGION", "eu-west-1"),
            entry("STEVEDORE_STORAGE_DYNAMODB_TABLE_PREFIX", "staging-"));
  }

  @Test
  void noSecretOrSecretReferenceAppearsInTheData() {
    var data = PlatformConfig.data(Fixtures.environment("team-a", "staging"));

    assertThat(data.keySet())
        .noneMatch(key -> key.contains("PASSWORD") || key.contains("USERNAME"))
        .noneMatch(key -> key.contains("MYSQL"));
    assertThat(data.values())
        .noneMatch(value -> value.contains("staging-rabbitmq") || value.contains("staging-mysql"))
        .noneMatch(value -> value.contains("password"));
  }

  @Test
  void sqsEnvironmentHasSqsKeysAndNoRabbitMqKeys() {
    var environment = sqsEnvironment("eu-central-1", "http://sqs.local:9324");

    var data = PlatformConfig.data(environment);

    assertThat(data)
        .contains(
            entry("STEVEDORE_BROKER_TYPE", "sqs"),
            entry("STEVEDORE_BROKER_SQS_REGION", "eu-central-1"),
            entry("STEVEDORE_BROKER_SQS_ENDPOINT", "http://sqs.local:9324"));
    assertThat(data.keySet()).noneMatch(key -> key.contains("RABBITMQ"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void optionalEndpointsAreOmittedWhenUnsetOrBlank(String blank) {
    var environment = sqsEnvironment("eu-central-1", null);
    assertThat(PlatformConfig.data(environment))
        .doesNotContainKeys("STEVEDORE_BROKER_SQS_ENDPOINT", "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT");

    environment.getSpec().getBroker().getSqs().setEndpoint(blank);
    environment.getSpec().getStorage().getDynamodb().setEndpoint(blank);
    assertThat(PlatformConfig.data(environment))
        .doesNotContainKeys("STEVEDORE_BROKER_SQS_ENDPOINT", "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT");

    environment.getSpec().getStorage().getDynamodb().setEndpoint("http://dynamodb.local:8000");
    assertThat(PlatformConfig.data(environment))
        .containsEntry("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", "http://dynamodb.local:8000");
  }

  @Test
  void rabbitMqManagementUrlIsOmittedWhenUnset() {
    assertThat(PlatformConfig.data(Fixtures.environment("team-a", "staging")))
        .doesNotContainKey("STEVEDORE_BROKER_RABBITMQ_MANAGEMENT_URL");
  }

  @Test
  void checksumIsStableForEqualData() {
    Map<String, String> data = PlatformConfig.data(Fixtures.environment("team-a", "staging"));
    Map<String, String> sameInAnotherOrder = new HashMap<>(data);

    String checksum = PlatformConfig.checksum(data);

    assertThat(checksum).matches("[0-9a-f]{16}");
    assertThat(PlatformConfig.checksum(sameInAnotherOrder)).isEqualTo(checksum);
    assertThat(PlatformConfig.checksum(PlatformConfig.data(Fixtures.environment("b", "staging"))))
        .isEqualTo(checksum);
  }

  @Test
  void checksumChangesWhenAnyValueChanges() {
    Map<String, String> data = PlatformConfig.data(Fixtures.environment("team-a", "staging"));
    String checksum = PlatformConfig.checksum(data);

    for (String key : data.keySet()) {
      Map<String, String> changed = new HashMap<>(data);
      changed.put(key, data.get(key) + "x");
      assertThat(PlatformConfig.checksum(changed)).as(key).isNotEqualTo(checksum);
    }
  }

  @Test
  void checksumChangesWhenAKeyIsAddedOrRemoved() {
    Map<String, String> data = PlatformConfig.data(Fixtures.environment("team-a", "staging"));
    Map<String, String> added = new HashMap<>(data);
    added.put("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", "http://dynamodb.local:8000");
    Map<String, String> removed = new HashMap<>(data);
    removed.remove("STEVEDORE_BROKER_RABBITMQ_VHOST");

    assertThat(PlatformConfig.checksum(added)).isNotEqualTo(PlatformConfig.checksum(data));
    assertThat(PlatformConfig.checksum(removed)).isNotEqualTo(PlatformConfig.checksum(data));
  }

  private static Environment sqsEnvironment(String region, String endpoint) {
    var environment = Fixtures.environment("team-a", "prod");
    environment.getSpec().getStorage().getDynamodb().setEndpoint(null);
    var sqs = new SqsSpec();
    sqs.setRegion(region);
    sqs.setEndpoint(endpoint);
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    environment.getSpec().getBroker().setRabbitmq(null);
    environment.getSpec().getBroker().setSqs(sqs);
    return environment;
  }
}
