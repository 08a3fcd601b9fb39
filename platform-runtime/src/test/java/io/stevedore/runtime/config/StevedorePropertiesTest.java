package io.stevedore.runtime.config;

import static io.stevedore.runtime.TestEnvironments.withVariables;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.config.StevedoreProperties.BrokerType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/** StevedoreProperties binds the operator's environment variables and keeps secrets out of logs. */
class StevedorePropertiesTest {

  private static final Map<String, String> OPERATOR_ENVIRONMENT =
      Map.ofEntries(
          Map.entry("STEVEDORE_ROLE", "worker"),
          Map.entry("STEVEDORE_ENVIRONMENT", "staging"),
          Map.entry("STEVEDORE_RELEASE_VERSION", "1.4.0"),
          Map.entry("STEVEDORE_BROKER_TYPE", "sqs"),
          Map.entry("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://rabbit:5672"),
          Map.entry("STEVEDORE_BROKER_RABBITMQ_MANAGEMENT_URL", "http://rabbit:15672"),
          Map.entry("STEVEDORE_BROKER_RABBITMQ_VHOST", "staging"),
          Map.entry("STEVEDORE_BROKER_RABBITMQ_USERNAME", "stevedore"),
          Map.entry("STEVEDORE_BROKER_RABBITMQ_PASSWORD", "rabbit-secret"),
          Map.entry("STEVEDORE_BROKER_SQS_REGION", "eu-west-1"),
          Map.entry("STEVEDORE_BROKER_SQS_ENDPOINT", "http://sqs:9324"),
          Map.entry("STEVEDORE_STORAGE_DYNAMODB_REGION", "eu-west-2"),
          Map.entry("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", "http://dynamodb:8000"),
          Map.entry("STEVEDORE_STORAGE_DYNAMODB_TABLE_PREFIX", "staging-"),
          Map.entry("STEVEDORE_STORAGE_MYSQL_URL", "jdbc:mysql://mysql:3306/stevedore"),
          Map.entry("STEVEDORE_STORAGE_MYSQL_USERNAME", "writer"),
          Map.entry("STEVEDORE_STORAGE_MYSQL_PASSWORD", "mysql-secret"),
          Map.entry("STEVEDORE_WORKER_POOL", "orders"),
          Map.entry("STEVEDORE_WORKER_DRAIN_SECONDS", "45"));

  @Test
  void bindsEveryEnvironmentVariableTheOperatorSets() {
    StevedoreProperties properties = bind(withVariables(OPERATOR_ENVIRONMENT));

    assertThat(properties.role()).isEqualTo(Role.WORKER);
    assertThat(properties.environment()).isEqualTo("staging");
    assertThat(properties.releaseVersion()).isEqualTo("1.4.0");
    assertThat(properties.broker().type()).isEqualTo(BrokerType.SQS);
    assertThat(properties.broker().rabbitmq())
        .isEqualTo(
            new StevedoreProperties.RabbitMq(
                "amqp://rabbit:5672",
                "http://rabbit:15672",
                "staging",
                "stevedore",
                "rabbit-secret"));
    assertThat(properties.broker().sqs())
        .isEqualTo(new StevedoreProperties.Sqs("eu-west-1", "http://sqs:9324"));
    assertThat(properties.storage().dynamodb())
        .isEqualTo(
            new StevedoreProperties.DynamoDb("eu-west-2", "http://dynamodb:8000", "staging-"));
    assertThat(properties.storage().mysql())
        .isEqualTo(
            new StevedoreProperties.MySql(
                "jdbc:mysql://mysql:3306/stevedore", "writer", "mysql-secret"));
    assertThat(properties.worker())
        .isEqualTo(
            new StevedoreProperties.Worker(
                "orders",
                45,
                200,
                25,
                8,
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(1),
                new StevedoreProperties.CircuitBreaker(
                    50, 20, 10, java.time.Duration.ofSeconds(5), 2)));
  }

  @Test
  void drainSecondsDefaultTo120AndBoundEachShutdownPhase() throws IOException {
    StandardEnvironment environment = withVariables(Map.of("STEVEDORE_ROLE", "worker"));
    environment
        .getPropertySources()
        .addLast(new ResourcePropertySource("classpath:application.properties"));

    assertThat(bind(environment).worker().drainSeconds()).isEqualTo(120);
    assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase"))
        .isEqualTo("120s");
  }

  @Test
  void timeoutsHaveDefaultsAndEachCanBeSetByTheOperator() {
    StevedoreProperties properties =
        bind(
            withVariables(
                Map.of("STEVEDORE_ROLE", "worker", "STEVEDORE_TIMEOUTS_AWSCALL", "PT3S")));

    assertThat(properties.timeouts())
        .isEqualTo(
            new StevedoreProperties.Timeouts(
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10)));
  }

  @Test
  void defaultsToRabbitMqWhenNoBrokerTypeIsSet() {
    StevedoreProperties properties = bind(withVariables(Map.of("STEVEDORE_ROLE", "ingest")));

    assertThat(properties.broker().type()).isEqualTo(BrokerType.RABBITMQ);
  }

  @Test
  void toStringNeverShowsPasswords() {
    Map<String, String> variables = new HashMap<>(OPERATOR_ENVIRONMENT);
    variables.put("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://stevedore:url-secret@rabbit:5672/");
    variables.put("STEVEDORE_STORAGE_MYSQL_URL", "jdbc:mysql://mysql/db?user=w&password=q-secret");

    String printed = bind(withVariables(variables)).toString();

    assertThat(printed)
        .doesNotContain("rabbit-secret", "mysql-secret", "url-secret", "q-secret")
        .contains("password=****", "amqp://stevedore:****@rabbit:5672/", "user=w");
  }

  @Test
  void toStringShowsAnUnsetPasswordAsNull() {
    var mysql = new StevedoreProperties.MySql("jdbc:mysql://mysql/db", "writer", null);

    assertThat(mysql.toString()).contains("password=null");
  }

  private static StevedoreProperties bind(StandardEnvironment environment) {
    return Binder.get(environment).bindOrCreate("stevedore", StevedoreProperties.class);
  }
}
