package io.stevedore.operator.tenant;

import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitManagement;
import io.stevedore.operator.broker.RabbitPasswords;
import io.stevedore.operator.broker.TenantBrokerPermissions;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.platform.TenantCredentials;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's broker user (RabbitMQ with a management API): may read its own queues only. Two
 * users alternate (slots a and b), so that after a rotation the previous one keeps working until
 * the overlap ends; `BrokerUserReady`.
 */
final class BrokerUserStep implements ProvisioningStep {
  static final String CONDITION = "BrokerUserReady";

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    if (!work.brokerUsers()) {
      return StepOutcome.ready(
          CONDITION,
          "NotConfigured",
          work.onRabbit()
              ? "the Environment's RabbitMQ has no managementUrl, so tenants get no broker user"
              : "on SQS, access is granted through IAM, not broker users");
    }
    var credentials = work.credentials();
    if (credentials.isEmpty()) {
      return StepOutcome.failed(
          CONDITION, "SecretNotReady", "waiting for the Secret with the broker password");
    }
    try {
      List<String> created = ensure(work, work.rabbit(), credentials.get());
      return StepOutcome.ready(
              CONDITION,
              "Configured",
              "broker user "
                  + credentials.get().brokerUsername()
                  + " may read the tenant's queues and nothing else")
          .withCreated(created);
    } catch (BrokerException | CredentialsNotFoundException e) {
      return StepFailures.outcome(CONDITION, e);
    }
  }

  @Override
  public void remove(TenantWork work) throws Exception {
    if (!work.brokerUsers()) {
      return;
    }
    RabbitEndpoint endpoint = work.rabbit();
    for (String slot : TenantNames.BROKER_USER_SLOTS) {
      work.platform
          .management()
          .deleteUser(endpoint, work.names.brokerUser(endpoint.vhost(), slot));
    }
  }

  private static List<String> ensure(
      TenantWork work, RabbitEndpoint endpoint, TenantCredentials credentials)
      throws BrokerException {
    RabbitManagement management = work.platform.management();
    var permissions = TenantBrokerPermissions.of(work.names.queues());
    // A user never made before needs no look first; one that was may have drifted.
    boolean check = work.wasReady(CONDITION);
    String lastActive =
        work.tenant.getStatus() == null ? null : work.tenant.getStatus().getBrokerUser();
    boolean mayHaveOthers =
        credentials.rotatedAt() != null
            || (lastActive != null && !lastActive.equals(credentials.brokerUsername()));
    List<String> created = new ArrayList<>();
    for (String slot : TenantNames.BROKER_USER_SLOTS) {
      String user = work.names.brokerUser(endpoint.vhost(), slot);
      String password =
          user.equals(credentials.brokerUsername())
              ? credentials.brokerPassword()
              : user.equals(credentials.previousBrokerUsername())
                  ? credentials.previousBrokerPassword()
                  : null;
      if (password == null) {
        if (mayHaveOthers) {
          // Neither current nor in its overlap window: revoked.
          management.deleteUser(endpoint, user);
        }
        continue;
      }
      var hash =
          check ? management.passwordHash(endpoint, user) : java.util.Optional.<String>empty();
      if (check && hash.isEmpty()) {
        created.add("broker user " + user);
      }
      if (hash.isEmpty() || !RabbitPasswords.matches(hash.get(), password)) {
        management.putUser(endpoint, user, password);
      }
      if (!check
          || !management.permissions(endpoint, user).map(permissions::equals).orElse(false)) {
        management.putPermissions(
            endpoint, user, permissions.configure(), permissions.write(), permissions.read());
      }
    }
    return created;
  }
}
