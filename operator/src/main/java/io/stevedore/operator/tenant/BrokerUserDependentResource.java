package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitPasswords;
import io.stevedore.operator.broker.TenantBrokerPermissions;
import io.stevedore.operator.platform.TenantCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's broker users (RabbitMQ with a management API), who may read its own queues only. Two
 * alternate (slots a and b), so that after a rotation the previous one keeps working until the
 * overlap ends; `BrokerUserReady`. Needs the Secret, which holds the passwords.
 */
class BrokerUserDependentResource
    extends ServiceDependentResource<BrokerUserDependentResource.BrokerUsers>
    implements Updater<BrokerUserDependentResource.BrokerUsers, Tenant> {
  static final String CONDITION = "BrokerUserReady";

  /**
   * The users that should log in, by name with their passwords, and the slots' users that should
   * not (revoked). Observed, {@code logins} holds those that exist with the right password and
   * permissions, {@code missing} those that do not exist, {@code revoked} those that still do.
   */
  record BrokerUsers(Map<String, String> logins, List<String> missing, List<String> revoked) {}

  BrokerUserDependentResource() {
    super(BrokerUsers.class);
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public Optional<ProvisioningCondition> without(TenantScope scope) {
    if (scope.brokerUsers()) {
      return Optional.empty();
    }
    return Optional.of(
        ProvisioningCondition.ready(
            CONDITION,
            "NotConfigured",
            scope.onRabbit()
                ? "the Environment's RabbitMQ has no managementUrl, so tenants get no broker user"
                : "on SQS, access is granted through IAM, not broker users"));
  }

  @Override
  public ProvisioningCondition blocked(TenantScope scope) {
    return ProvisioningCondition.failed(
        CONDITION, "SecretNotReady", "waiting for the Secret with the broker password");
  }

  @Override
  protected BrokerUsers desired(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    return desired(scope, scope.vhost());
  }

  /** The users the credentials name, and (after a rotation) the slot users to revoke (pure). */
  static BrokerUsers desired(TenantScope scope, String vhost) {
    TenantCredentials credentials = scope.credentials().orElseThrow();
    String lastActive =
        scope.tenant.getStatus() == null ? null : scope.tenant.getStatus().getBrokerUser();
    boolean mayHaveOthers =
        credentials.rotatedAt() != null
            || (lastActive != null && !lastActive.equals(credentials.brokerUsername()));
    Map<String, String> logins = new LinkedHashMap<>();
    List<String> revoked = new ArrayList<>();
    for (String slot : TenantNames.BROKER_USER_SLOTS) {
      String user = scope.names.brokerUser(vhost, slot);
      if (user.equals(credentials.brokerUsername())) {
        logins.put(user, credentials.brokerPassword());
      } else if (user.equals(credentials.previousBrokerUsername())) {
        logins.put(user, credentials.previousBrokerPassword());
      } else if (mayHaveOthers) {
        revoked.add(user);
      }
    }
    return new BrokerUsers(logins, List.of(), revoked);
  }

  @Override
  protected Optional<BrokerUsers> observe(TenantScope scope) throws BrokerException {
    // A user never made before needs no look first; one that was may have drifted.
    if (!scope.wasReady(CONDITION)) {
      return Optional.empty();
    }
    RabbitEndpoint endpoint = call(scope::rabbit);
    var management = scope.brokerUserAdmin();
    var permissions = TenantBrokerPermissions.of(scope.names.queues());
    BrokerUsers desired = desired(scope, endpoint.vhost());
    Map<String, String> correct = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (var login : desired.logins().entrySet()) {
      var hash = management.passwordHash(endpoint, login.getKey());
      if (hash.isEmpty()) {
        missing.add(login.getKey());
      } else if (RabbitPasswords.matches(hash.get(), login.getValue())
          && management
              .permissions(endpoint, login.getKey())
              .map(permissions::equals)
              .orElse(false)) {
        correct.put(login.getKey(), login.getValue());
      }
    }
    // Revoked users are deleted unlooked-at: a DELETE costs what a look does.
    return Optional.of(new BrokerUsers(correct, missing, desired.revoked()));
  }

  @Override
  public Matcher.Result<BrokerUsers> match(
      BrokerUsers actual, Tenant tenant, Context<Tenant> context) {
    BrokerUsers desired = getOrComputeDesired(context);
    return Matcher.Result.nonComputed(
        actual.logins().equals(desired.logins()) && actual.revoked().isEmpty());
  }

  @Override
  public BrokerUsers create(BrokerUsers desired, Tenant tenant, Context<Tenant> context) {
    return apply(TenantScope.of(context), desired, desired.logins().keySet());
  }

  @Override
  public BrokerUsers update(
      BrokerUsers actual, BrokerUsers desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    scope.created(CONDITION, actual.missing().stream().map(u -> "broker user " + u).toList());
    var wrong = new java.util.LinkedHashSet<>(desired.logins().keySet());
    wrong.removeAll(actual.logins().keySet());
    return apply(scope, desired, wrong);
  }

  /** Sets the password and permissions of {@code users}, and deletes the revoked ones. */
  private static BrokerUsers apply(TenantScope scope, BrokerUsers desired, Set<String> users) {
    var permissions = TenantBrokerPermissions.of(scope.names.queues());
    var management = scope.brokerUserAdmin();
    call(
        () -> {
          RabbitEndpoint endpoint = scope.rabbit();
          var owners = new BrokerUserOwners(management, endpoint, scope.owner());
          // A user of the tenant's name made by anyone else keeps its password and permissions.
          for (String user : users) {
            owners.requireOwnedOrMissing(user);
          }
          for (String user : users) {
            management.putUser(endpoint, user, desired.logins().get(user), owners.tags());
            management.putPermissions(
                endpoint, user, permissions.configure(), permissions.write(), permissions.read());
          }
          for (String user : desired.revoked()) {
            if (owners.ownedOrMissing(user)) {
              management.deleteUser(endpoint, user);
            }
          }
          return null;
        });
    return new BrokerUsers(desired.logins(), List.of(), List.of());
  }

  @Override
  protected boolean removes(TenantScope scope) {
    // Offboarding always revokes access, whatever the deletion policy keeps.
    return scope.tenant.isMarkedForDeletion() && scope.brokerUsers();
  }

  @Override
  protected void remove(TenantScope scope) throws BrokerException {
    RabbitEndpoint endpoint = call(scope::rabbit);
    var owners = new BrokerUserOwners(scope.brokerUserAdmin(), endpoint, scope.owner());
    for (String slot : TenantNames.BROKER_USER_SLOTS) {
      String user = scope.names.brokerUser(endpoint.vhost(), slot);
      if (owners.ownedOrMissing(user)) {
        scope.brokerUserAdmin().deleteUser(endpoint, user);
      } else {
        scope.keptForeign("broker user " + user);
      }
    }
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    return ProvisioningCondition.ready(
        CONDITION,
        "Configured",
        "broker user "
            + scope.credentials().map(TenantCredentials::brokerUsername).orElse("")
            + " may read the tenant's queues and nothing else");
  }
}
