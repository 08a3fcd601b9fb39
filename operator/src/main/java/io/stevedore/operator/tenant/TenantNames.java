package io.stevedore.operator.tenant;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.PlatformNames;

/**
 * The names of everything a Tenant has, derived from it and its Environment (pure).
 *
 * @param namespace the Tenant's namespace
 * @param tenant the Tenant's name
 * @param queues its queues
 * @param table its DynamoDB table
 * @param secret its credentials Secret
 * @param isolationNamespace its own namespace, where the Environment isolates tenants
 */
public record TenantNames(
    String namespace,
    String tenant,
    TenantQueues queues,
    String table,
    String secret,
    String isolationNamespace) {

  /** The two broker users a tenant alternates between, so that a rotation can overlap. */
  public static final java.util.List<String> BROKER_USER_SLOTS = java.util.List.of("a", "b");

  public static TenantNames of(Tenant tenant, Environment environment) {
    String namespace = tenant.getMetadata().getNamespace();
    String name = tenant.getMetadata().getName();
    return new TenantNames(
        namespace,
        name,
        TenantQueues.of(namespace, name),
        RecordTable.name(
            environment.getSpec().getStorage().getDynamodb().getTablePrefix(), namespace, name),
        PlatformNames.tenantSecret(name),
        isolationNamespace(namespace, name));
  }

  /** The namespace `<namespace>-<tenant>` that isolates a tenant's workloads. */
  public static String isolationNamespace(String namespace, String tenant) {
    return namespace + "-" + tenant;
  }

  /**
   * The broker user of {@code slot}: named after the tenant's queues, and after the vhost unless it
   * is the default one (users are global to the broker, queues are per vhost).
   */
  public String brokerUser(String vhost, String slot) {
    String user = queues.main() + "." + slot;
    return vhost == null || vhost.equals("/") ? user : vhost + "/" + user;
  }
}
