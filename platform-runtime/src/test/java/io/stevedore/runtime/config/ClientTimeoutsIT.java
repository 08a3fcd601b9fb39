package io.stevedore.runtime.config;

import static io.stevedore.runtime.TestEnvironments.withVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.stevedore.runtime.testing.TestDatabase;
import io.stevedore.runtime.worker.outage.Dependency;
import io.stevedore.runtime.worker.outage.DependencyFailures;
import io.stevedore.sandbox.faults.TcpProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every client the runtime builds gives up on a dependency that accepts connections and never
 * answers, within its configured timeout, instead of holding the calling thread forever.
 */
class ClientTimeoutsIT {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Map<String, String> SHORT_TIMEOUTS =
      Map.of(
          "STEVEDORE_TIMEOUTS_CONNECT", "PT0.5S",
          "STEVEDORE_TIMEOUTS_AWSATTEMPT", "PT0.5S",
          "STEVEDORE_TIMEOUTS_AWSCALL", "PT1.5S",
          "STEVEDORE_TIMEOUTS_JDBCCONNECTION", "PT1S",
          "STEVEDORE_TIMEOUTS_JDBCSOCKET", "PT1S",
          "STEVEDORE_TIMEOUTS_AMQPHANDSHAKE", "PT1S",
          "STEVEDORE_TIMEOUTS_AMQPRPC", "PT1S");

  private final ClientsConfiguration clients = new ClientsConfiguration();

  @Test
  void aDynamoDbWriteToAnEndpointThatNeverAnswersFailsWithinTheCallTimeout() {
    try (var hung = TcpProxy.neverAnswering()) {
      var properties = properties(Map.of("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", url(hung)));
      try (var dynamo = clients.dynamoDbClient(properties)) {
        var put =
            WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("k", AttributeValue.fromS("v"))))
                .build();

        Throwable failure =
            failsWithin(
                () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of("t", List.of(put)))));

        assertThat(failure).isInstanceOf(SdkClientException.class);
        assertThat(DependencyFailures.outageOf(failure)).contains(Dependency.DYNAMODB);
      }
    }
  }

  @Test
  void aMySqlQueryOnAConnectionThatStopsAnsweringFailsWithinTheSocketTimeout() {
    try (var database = TestDatabase.create();
        var proxy = TcpProxy.toUrl(database.jdbcUrl());
        var pool = pool(proxy.through(database.jdbcUrl()))) {
      var jdbc = new JdbcTemplate(pool);
      assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isOne();
      proxy.silence();

      Throwable failure = failsWithin(() -> jdbc.queryForObject("SELECT 1", Integer.class));

      assertThat(DependencyFailures.outageOf(failure)).contains(Dependency.MYSQL);
    }
  }

  @Test
  void aMySqlPoolThatCannotConnectFailsWithinTheConnectionTimeout() {
    try (var hung = TcpProxy.neverAnswering();
        var pool = pool("jdbc:mysql://127.0.0.1:" + hung.port() + "/any")) {

      Throwable failure =
          failsWithin(() -> new JdbcTemplate(pool).queryForObject("SELECT 1", Integer.class));

      assertThat(DependencyFailures.outageOf(failure)).contains(Dependency.MYSQL);
    }
  }

  @Test
  void anAmqpConnectionToABrokerThatNeverAnswersFailsWithinTheHandshakeTimeout() throws Exception {
    try (var hung = TcpProxy.neverAnswering()) {
      var factory =
          clients.rabbitConnectionFactory(
              properties(
                  Map.of("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://127.0.0.1:" + hung.port())));

      failsWithin(() -> factory.newConnection("timeout-test"));
    }
  }

  @Test
  void anAmqpChannelOperationOnABrokerThatStopsAnsweringFailsWithinTheRpcTimeout()
      throws Exception {
    try (var proxy = TcpProxy.to("127.0.0.1", 5672)) {
      var factory =
          clients.rabbitConnectionFactory(
              properties(
                  Map.of(
                      "STEVEDORE_BROKER_RABBITMQ_URL",
                      "amqp://127.0.0.1:" + proxy.port(),
                      "STEVEDORE_BROKER_RABBITMQ_USERNAME",
                      "guest",
                      "STEVEDORE_BROKER_RABBITMQ_PASSWORD",
                      "guest")));
      var connection = factory.newConnection("timeout-test");
      try {
        var channel = connection.createChannel();
        proxy.silence();

        failsWithin(() -> channel.queueDeclare("stevedore-timeout-test", false, false, true, null));
      } finally {
        // close() would wait for the silent broker's close-ok until heartbeats give up.
        connection.abort(1_000);
      }
    }
  }

  private HikariDataSource pool(String jdbcUrl) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(TestDatabase.USER);
    pool.setPassword(TestDatabase.PASSWORD);
    var beans = new DefaultListableBeanFactory();
    beans.registerSingleton("properties", properties(Map.of()));
    ClientsConfiguration.jdbcTimeouts(beans.getBeanProvider(StevedoreProperties.class))
        .postProcessBeforeInitialization(pool, "dataSource");
    return pool;
  }

  /** Runs {@code call}, which must fail well within {@link #BOUND}; returns its failure. */
  private static Throwable failsWithin(ThrowingCallable call) {
    long started = System.nanoTime();
    Throwable[] failure = new Throwable[1];
    assertThatThrownBy(call).satisfies(thrown -> failure[0] = thrown);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    return failure[0];
  }

  private static String url(TcpProxy proxy) {
    return "http://127.0.0.1:" + proxy.port();
  }

  private static StevedoreProperties properties(Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>(SHORT_TIMEOUTS);
    variables.put("STEVEDORE_ROLE", "worker");
    variables.put("STEVEDORE_STORAGE_DYNAMODB_REGION", "eu-west-1");
    variables.put("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://127.0.0.1:5672");
    variables.putAll(extra);
    return Binder.get(withVariables(variables))
        .bindOrCreate("stevedore", StevedoreProperties.class);
  }
}
