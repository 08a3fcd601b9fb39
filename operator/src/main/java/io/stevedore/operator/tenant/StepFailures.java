package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.NameConflictException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what a dependent's service threw into a condition reason and message people can act on. */
final class StepFailures {
  private static final int MAX_MESSAGE = 512;

  private StepFailures() {}

  static String reason(Exception thrown) {
    Exception e = unwrap(thrown);
    if (e instanceof NameConflictException) {
      return "NameConflict";
    }
    if (e instanceof CredentialsNotFoundException) {
      return "CredentialsNotFound";
    }
    if (e instanceof BrokerException broker) {
      return switch (broker.failure()) {
        case UNAVAILABLE -> "BrokerUnavailable";
        case AUTH_FAILED -> "BrokerAuthFailed";
        case NOT_FOUND -> "BrokerNotFound";
        case REJECTED -> "BrokerRejected";
      };
    }
    if (e instanceof AwsServiceException aws) {
      if (aws.isThrottlingException()
          || aws.statusCode() == 429
          || "ProvisionedThroughputExceededException".equals(errorCode(aws))
          || "LimitExceededException".equals(errorCode(aws))) {
        return "DynamoDbThrottled";
      }
      return aws.statusCode() >= 500 ? "DynamoDbUnavailable" : "DynamoDbRejected";
    }
    if (e instanceof SdkClientException) {
      return "DynamoDbUnavailable";
    }
    if (e instanceof SQLException) {
      return unreachable(e) ? "MySqlUnavailable" : "MySqlFailed";
    }
    if (e instanceof KubernetesClientException) {
      return "KubernetesApiError";
    }
    return "StepFailed";
  }

  static String message(Exception thrown) {
    Exception e = unwrap(thrown);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
  }

  /** The service's own exception, where a dependent carried it through the framework. */
  private static Exception unwrap(Exception e) {
    return e instanceof ServiceDependentResource.ServiceFailure
            && e.getCause() instanceof Exception c
        ? c
        : e;
  }

  /** Whether anything in the cause chain says the database could not be reached. */
  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof java.net.ConnectException
          || (t instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
