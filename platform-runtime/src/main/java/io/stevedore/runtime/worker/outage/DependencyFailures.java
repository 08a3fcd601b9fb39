package io.stevedore.runtime.worker.outage;

import io.stevedore.runtime.storage.RecordWriter;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells a store's outage from a batch's own failure. An outage (unreachable, timed out, 5xx,
 * throttled) would fail any batch of any tenant: the batch goes back to its queue without counting
 * an attempt. Anything else (undecodable, a missing table, a rejected item, a bug) is the batch's:
 * retried, then dead-lettered.
 */
public final class DependencyFailures {
  /** SQLSTATE class 08: connection exception. */
  private static final String CONNECTION_EXCEPTION = "08";

  private DependencyFailures() {}

  /** The store that {@code failure} shows unavailable, or empty when the batch itself failed. */
  public static Optional<Dependency> outageOf(Throwable failure) {
    if (failure instanceof DependencyUnavailableException unavailable) {
      return Optional.of(unavailable.dependency());
    }
    if (failure instanceof SdkException aws) {
      return isAwsOutage(aws) ? Optional.of(Dependency.DYNAMODB) : Optional.empty();
    }
    if (failure instanceof RecordWriter.UnprocessedItemsException) {
      return Optional.of(Dependency.DYNAMODB);
    }
    if (failure instanceof DataAccessException || failure instanceof SQLException) {
      return isJdbcOutage(failure) ? Optional.of(Dependency.MYSQL) : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isAwsOutage(SdkException failure) {
    if (failure instanceof AwsServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    // No answer at all: refused, reset, unknown host, or an attempt or call timeout.
    return failure instanceof SdkClientException;
  }

  private static boolean isJdbcOutage(Throwable failure) {
    if (failure instanceof DataAccessResourceFailureException
        || failure instanceof TransientDataAccessResourceException
        || failure instanceof RecoverableDataAccessException
        || failure instanceof QueryTimeoutException) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
        return true;
      }
    }
    return false;
  }
}
