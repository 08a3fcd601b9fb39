package io.stevedore.runtime.worker.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.storage.RecordWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Which failures are a store's outage (the batch goes back unattempted, the breaker counts it) and
 * which are the batch's own (retried, then dead-lettered): one row per failure a worker meets.
 */
class DependencyFailuresTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        // DynamoDB: no answer, 5xx, throttling
        outage(
            Dependency.DYNAMODB,
            "connection refused",
            SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused"))
                .build()),
        outage(Dependency.DYNAMODB, "call timeout", ApiCallTimeoutException.create(15_000)),
        outage(
            Dependency.DYNAMODB, "attempt timeout", ApiCallAttemptTimeoutException.create(5_000)),
        outage(Dependency.DYNAMODB, "500", dynamo(500, "InternalServerError")),
        outage(Dependency.DYNAMODB, "503", dynamo(503, "ServiceUnavailable")),
        outage(
            Dependency.DYNAMODB,
            "throttled",
            ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .build())
                .build()),
        outage(Dependency.DYNAMODB, "throttling code", dynamo(400, "ThrottlingException")),
        outage(
            Dependency.DYNAMODB,
            "unprocessed items after retries",
            new RecordWriter.UnprocessedItemsException("t", 3, 8)),
        // DynamoDB answered: the batch's own problem
        batchFailure(
            "table missing",
            ResourceNotFoundException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build())
                .build()),
        batchFailure("item rejected", dynamo(400, "ValidationException")),
        batchFailure("access denied", dynamo(403, "AccessDeniedException")),
        // MySQL: no connection, no answer
        outage(
            Dependency.MYSQL,
            "pool could not connect",
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available"))),
        outage(
            Dependency.MYSQL,
            "connection lost mid-query",
            new UncategorizedSQLException(
                "insert", "INSERT", new SQLNonTransientConnectionException("gone", "08S01"))),
        outage(Dependency.MYSQL, "socket timeout", new QueryTimeoutException("read timed out")),
        outage(Dependency.MYSQL, "statement timeout", new SQLTimeoutException("timeout")),
        outage(
            Dependency.MYSQL,
            "communications link failure (SQLSTATE 08)",
            new UncategorizedSQLException("q", "SELECT", new SQLException("link", "08S01"))),
        // MySQL answered
        batchFailure(
            "duplicate or too long",
            new DataIntegrityViolationException("Data too long for column")),
        batchFailure(
            "bad SQL", new BadSqlGrammarException("q", "SELECT", new SQLSyntaxErrorException())),
        // Neither store involved
        batchFailure(
            "undecodable", new StreamReadException(null, "Unexpected character", null, null)),
        batchFailure("a bug", new NullPointerException()),
        batchFailure("an Error", new StackOverflowError()),
        outage(
            Dependency.MYSQL,
            "breaker open",
            new DependencyUnavailableException(Dependency.MYSQL)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void tellsAStoresOutageFromABatchsOwnFailure(
      String failure, Throwable thrown, Optional<Dependency> unavailable) {
    assertThat(DependencyFailures.outageOf(thrown)).isEqualTo(unavailable);
  }

  private static Arguments outage(Dependency dependency, String name, Throwable thrown) {
    return Arguments.of(dependency.tag() + " " + name, thrown, Optional.of(dependency));
  }

  private static Arguments batchFailure(String name, Throwable thrown) {
    return Arguments.of("batch: " + name, thrown, Optional.empty());
  }

  private static DynamoDbException dynamo(int status, String code) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
