package io.stevedore.operator.tenant;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.Sha256;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Dns1123;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantBrokerQueues;
import java.util.List;

/**
 * The names of everything a Tenant has, derived from it and its Environment (pure). Both parts are
 * DNS-1123 labels (checked here, so no path derives a name from anything else): they hold no '.',
 * '/' or regex metacharacter, which makes every name built by joining them with dots unambiguous.
 *
 * @param namespace the Tenant's namespace
 * @param tenant the Tenant's name
 * @param queues its queues on the Environment's broker (on SQS: its chosen SQS names)
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
  public static final List<String> BROKER_USER_SLOTS = List.of("a", "b");

  private static final int MAX_LABEL = 63;
  private static final int HASH_CHARS = 8;

  /**
   * The names of {@code tenant}; refuses a namespace or name that is not a DNS-1123 label.
   *
   * @throws IllegalArgumentException when either is not a DNS-1123 label
   */
  public static TenantNames of(Tenant tenant, Environment environment) {
    String namespace = tenant.getMetadata().getNamespace();
    String name = tenant.getMetadata().getName();
    requireLabel("namespace", namespace);
    requireLabel("name", name);
    return new TenantNames(
        namespace,
        name,
        TenantBrokerQueues.of(tenant, environment),
        RecordTable.name(
            environment.getSpec().getStorage().getDynamodb().getTablePrefix(), namespace, name),
        PlatformNames.tenantSecret(name),
        keptIsolationNamespace(tenant).orElseGet(() -> isolationNamespace(namespace, name)));
  }

  /** Whether {@code value} is a DNS-1123 label, the only thing a name is derived from. */
  public static boolean isLabel(String value) {
    return value != null && value.matches(Dns1123.LABEL);
  }

  private static void requireLabel(String what, String value) {
    if (!isLabel(value)) {
      throw new IllegalArgumentException(
          "the Tenant's " + what + " '" + value + "' is not a DNS-1123 label: no name is derived");
    }
  }

  /**
   * The namespace that isolates a tenant's workloads: {@code <namespace>-<tenant>} (cut to fit) and
   * a hash of both parts, since a '-' joining two labels that may hold '-' is ambiguous (tenant
   * {@code b-c} in {@code a} and tenant {@code c} in {@code a-b}); always a DNS-1123 label.
   */
  public static String isolationNamespace(String namespace, String tenant) {
    String readable = namespace + "-" + tenant;
    int room = MAX_LABEL - HASH_CHARS - 1;
    if (readable.length() > room) {
      readable = readable.substring(0, room).replaceAll("-+$", "");
    }
    return readable + "-" + hash(namespace + "/" + tenant);
  }

  /**
   * The namespace a Tenant made before names carried a hash ({@code <namespace>-<tenant>}, as its
   * status records), kept so that existing tenants keep theirs.
   */
  private static java.util.Optional<String> keptIsolationNamespace(Tenant tenant) {
    var status = tenant.getStatus();
    return java.util.Optional.ofNullable(status == null ? null : status.getIsolationNamespace())
        .filter(TenantNames::isLabel);
  }

  private static String hash(String value) {
    return Sha256.hex(value).substring(0, HASH_CHARS);
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
