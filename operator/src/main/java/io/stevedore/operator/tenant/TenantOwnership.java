package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.NameConflictException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whose a Kubernetes object bearing a tenant's name is, from what it carries (pure): the Tenant's
 * UID in label {@link Labels#TENANT_UID} or an owner reference proves it; an object made before
 * UIDs were recorded is the tenant's when its labels name this Tenant; anything else is not.
 */
final class TenantOwnership {
  /** What an object is to a Tenant. */
  enum Verdict {
    /** Carries the Tenant's UID. */
    OWNED,
    /** Labelled for this Tenant by an operator that did not record UIDs yet: claimed on update. */
    MADE_BEFORE_UIDS,
    /** Someone else's: another Tenant's, or made by hand. */
    FOREIGN
  }

  private TenantOwnership() {}

  static Verdict of(HasMetadata object, Tenant tenant) {
    var metadata = object.getMetadata();
    String uid = tenant.getMetadata().getUid();
    Map<String, String> labels = Objects.requireNonNullElse(metadata.getLabels(), Map.of());
    String recorded = labels.get(Labels.TENANT_UID);
    if (recorded != null) {
      return recorded.equals(uid) ? Verdict.OWNED : Verdict.FOREIGN;
    }
    if (metadata.getOwnerReferences() != null
        && metadata.getOwnerReferences().stream().anyMatch(r -> Objects.equals(r.getUid(), uid))) {
      return Verdict.OWNED;
    }
    String namespace = tenant.getMetadata().getNamespace();
    boolean namesThisTenant =
        tenant.getMetadata().getName().equals(labels.get(Labels.TENANT))
            && (namespace.equals(labels.get(TenantIsolation.TENANT_NAMESPACE))
                || namespace.equals(metadata.getNamespace()))
            && "stevedore-operator".equals(labels.get(Labels.MANAGED_BY));
    return namesThisTenant ? Verdict.MADE_BEFORE_UIDS : Verdict.FOREIGN;
  }

  /** Fails with `NameConflict` unless {@code object} is the tenant's. */
  static void require(HasMetadata object, Tenant tenant) {
    if (of(object, tenant) == Verdict.FOREIGN) {
      throw new NameConflictException(describe(object), owner(object));
    }
  }

  /**
   * Runs the reconcile of a dependent whose object {@code observed} holds what the informer saw,
   * after checking that object is the tenant's. When it saw none the reconcile creates, and an
   * object that exists under the name though unseen (the informers select the operator's own
   * labels) makes the create fail with 409: someone else's.
   */
  static <T, R extends HasMetadata> T reconcile(
      java.util.Optional<R> observed, Tenant tenant, String kind, String name, Supplier<T> work) {
    observed.ifPresent(object -> require(object, tenant));
    try {
      return work.get();
    } catch (KubernetesClientException e) {
      if (observed.isEmpty() && e.getCode() == 409) {
        throw new NameConflictException(
            kind + " " + name, "made by someone else: it does not carry Stevedore's tenant labels");
      }
      throw e;
    }
  }

  /** The object as people name it: kind, namespace and name. */
  static String describe(HasMetadata object) {
    var metadata = object.getMetadata();
    return object.getKind()
        + " "
        + (metadata.getNamespace() == null ? "" : metadata.getNamespace() + "/")
        + metadata.getName();
  }

  /** Who the object seems to belong to, from its labels and owner references. */
  static String owner(HasMetadata object) {
    var metadata = object.getMetadata();
    Map<String, String> labels = Objects.requireNonNullElse(metadata.getLabels(), Map.of());
    String tenant = labels.get(Labels.TENANT);
    if (tenant != null) {
      String namespace =
          labels.getOrDefault(TenantIsolation.TENANT_NAMESPACE, metadata.getNamespace());
      String uid = labels.get(Labels.TENANT_UID);
      return "it belongs to Tenant "
          + namespace
          + "/"
          + tenant
          + (uid == null ? "" : " (uid " + uid + ")");
    }
    var references = metadata.getOwnerReferences();
    if (references != null && !references.isEmpty()) {
      var reference = references.get(0);
      return "it is owned by " + reference.getKind() + " " + reference.getName();
    }
    return "made by someone else: it does not carry Stevedore's tenant labels";
  }
}
