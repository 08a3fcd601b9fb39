package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.testing.Fixtures;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentValidationTest {

  @Test
  void validEnvironmentHasNoProblems() {
    assertThat(EnvironmentValidation.problems(Fixtures.environment("team-a", "staging"))).isEmpty();
  }

  @Test
  void validSqsEnvironmentHasNoProblems() {
    var environment = Fixtures.environment("team-a", "prod");
    useSqs(environment);

    assertThat(EnvironmentValidation.problems(environment)).isEmpty();
  }

  @Test
  void longestAllowedNameIsValid() {
    assertThat(EnvironmentValidation.problems(Fixtures.environment("team-a", "e".repeat(54))))
        .isEmpty();
  }

  static Stream<Arguments> invalidEnvironments() {
    return Stream.of(
        Arguments.of(
            "name too long",
            (Consumer<Environment>) e -> e.getMetadata().setName("e".repeat(55)),
            "metadata.name: at most 54 characters, so that derived Service names fit 63"),
        Arguments.of(
            "release missing",
            (Consumer<Environment>) e -> e.getSpec().setRelease(null),
            "spec.release: required"),
        Arguments.of(
            "broker type missing",
            (Consumer<Environment>) e -> e.getSpec().getBroker().setType(null),
            "spec.broker.type: required (RabbitMQ or SQS)"),
        Arguments.of(
            "RabbitMQ without rabbitmq",
            (Consumer<Environment>) e -> e.getSpec().getBroker().setRabbitmq(null),
            "spec.broker.rabbitmq: required when broker.type is RabbitMQ"),
        Arguments.of(
            "SQS without sqs",
            (Consumer<Environment>)
                e -> {
                  e.getSpec().getBroker().setType(BrokerType.SQS);
                  e.getSpec().getBroker().setRabbitmq(null);
                },
            "spec.broker.sqs: required when broker.type is SQS"),
        Arguments.of(
            "RabbitMQ with sqs also set",
            (Consumer<Environment>) e -> e.getSpec().getBroker().setSqs(sqs()),
            "spec.broker.sqs: must not be set when broker.type is RabbitMQ"),
        Arguments.of(
            "SQS with rabbitmq also set",
            (Consumer<Environment>)
                e -> {
                  var rabbit = e.getSpec().getBroker().getRabbitmq();
                  useSqs(e);
                  e.getSpec().getBroker().setRabbitmq(rabbit);
                },
            "spec.broker.rabbitmq: must not be set when broker.type is SQS"),
        Arguments.of(
            "storage without mysql",
            (Consumer<Environment>) e -> e.getSpec().getStorage().setMysql(null),
            "spec.storage: both dynamodb and mysql are required"),
        Arguments.of(
            "request above limit",
            (Consumer<Environment>)
                e ->
                    e.getSpec()
                        .getIngest()
                        .setResources(
                            new ResourceRequirementsBuilder()
                                .addToRequests("memory", new Quantity("2Gi"))
                                .addToLimits("memory", new Quantity("1Gi"))
                                .build()),
            "spec.ingest.resources: request memory=2Gi exceeds its limit 1Gi"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEnvironments")
  void invalidEnvironmentHasAProblemNamingTheField(
      String description, Consumer<Environment> change, String problem) {
    var environment = Fixtures.environment("team-a", "staging");
    change.accept(environment);

    assertThat(EnvironmentValidation.problems(environment)).containsExactly(problem);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var environment = Fixtures.environment("team-a", "e".repeat(60));
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    environment.getSpec().setStorage(null);

    assertThat(EnvironmentValidation.problems(environment))
        .containsExactly(
            "metadata.name: at most 54 characters, so that derived Service names fit 63",
            "spec.broker.sqs: required when broker.type is SQS",
            "spec.broker.rabbitmq: must not be set when broker.type is SQS",
            "spec.storage: both dynamodb and mysql are required");
  }

  /**
   * The version becomes the pods' app.kubernetes.io/version label, and a label value allows only
   * alphanumerics, '-', '_' and '.', beginning and ending alphanumeric; the operator says so itself
   * rather than let the API server refuse the ingest Deployment.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1.4.2+build.7", "1.4.2-", "1.4."})
  void releaseVersionThatCannotBeAPodLabelIsAProblem(String version) {
    var environment = Fixtures.environment("team-a", "staging");
    environment.getSpec().getRelease().setVersion(version);

    assertThat(EnvironmentValidation.problems(environment))
        .anySatisfy(problem -> assertThat(problem).startsWith("spec.release.version:"));
  }

  private static void useSqs(Environment environment) {
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    environment.getSpec().getBroker().setRabbitmq(null);
    environment.getSpec().getBroker().setSqs(sqs());
  }

  private static SqsSpec sqs() {
    var sqs = new SqsSpec();
    sqs.setRegion("eu-west-1");
    return sqs;
  }
}
