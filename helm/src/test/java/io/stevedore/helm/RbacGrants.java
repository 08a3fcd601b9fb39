package io.stevedore.helm;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a ServiceAccount may do by a rendered chart's Roles, ClusterRoles and their bindings,
 * evaluated as Kubernetes' RBAC authorizer does: a ClusterRoleBinding grants its ClusterRole's
 * rules everywhere (cluster-scoped requests and every namespace), a RoleBinding grants its Role's
 * (or a ClusterRole's) rules in its own namespace only; a rule matches on API group, resource (a
 * subresource is its own resource, "deployments/scale"), verb, and its resourceNames if it has any.
 */
final class RbacGrants {

  /**
   * One verb on one resource of one API group, in one namespace (null: cluster-wide, from a
   * ClusterRoleBinding); {@code resourceNames} empty means any name.
   */
  record Permission(
      String namespace, String group, String resource, String verb, List<String> resourceNames) {
    boolean grants(ApiCall call) {
      return (namespace == null || namespace.equals(call.namespace()))
          && group.equals(call.group())
          && resource.equals(call.resource())
          && verb.equals(call.verb())
          // The recording carries no object names: a rule limited to names grants none of it.
          && resourceNames.isEmpty();
    }

    @Override
    public String toString() {
      String names = resourceNames.isEmpty() ? "" : " " + resourceNames;
      return ApiCall.describe(verb, group, resource + names, namespace);
    }
  }

  /**
   * What every authenticated user holds on any cluster (the default system:basic-user ClusterRole):
   * asking the API what one may do, as JOSDK's leader election does.
   */
  static final List<Permission> EVERY_AUTHENTICATED_USER =
      List.of(
          new Permission(
              null, "authorization.k8s.io", "selfsubjectrulesreviews", "create", List.of()),
          new Permission(
              null, "authorization.k8s.io", "selfsubjectaccessreviews", "create", List.of()));

  private final List<Permission> permissions;

  private RbacGrants(List<Permission> permissions) {
    this.permissions = List.copyOf(permissions);
  }

  /** The permissions the chart binds to the ServiceAccount {@code namespace}/{@code name}. */
  static RbacGrants of(RenderedChart chart, String namespace, String name) {
    List<Permission> permissions = new ArrayList<>();
    for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
      if (binds(binding.getSubjects(), namespace, name)) {
        permissions.addAll(expand(null, rules(chart, binding.getRoleRef(), null)));
      }
    }
    for (RoleBinding binding : chart.all(RoleBinding.class)) {
      String bindingNamespace = binding.getMetadata().getNamespace();
      if (binds(binding.getSubjects(), namespace, name)) {
        permissions.addAll(
            expand(bindingNamespace, rules(chart, binding.getRoleRef(), bindingNamespace)));
      }
    }
    return new RbacGrants(permissions);
  }

  /** Every permission the chart grants, one per verb, resource, group and binding. */
  List<Permission> permissions() {
    return permissions;
  }

  boolean grants(ApiCall call) {
    return grantedBy(call).isPresent()
        || EVERY_AUTHENTICATED_USER.stream().anyMatch(default_ -> default_.grants(call));
  }

  Optional<Permission> grantedBy(ApiCall call) {
    return permissions.stream().filter(permission -> permission.grants(call)).findFirst();
  }

  private static boolean binds(List<Subject> subjects, String namespace, String name) {
    return subjects.stream()
        .anyMatch(
            subject ->
                "ServiceAccount".equals(subject.getKind())
                    && namespace.equals(subject.getNamespace())
                    && name.equals(subject.getName()));
  }

  /** The rules a binding refers to; a RoleBinding's Role is looked up in its own namespace. */
  private static List<PolicyRule> rules(RenderedChart chart, RoleRef ref, String namespace) {
    List<PolicyRule> rules = new ArrayList<>();
    if ("ClusterRole".equals(ref.getKind())) {
      chart.all(ClusterRole.class).stream()
          .filter(role -> role.getMetadata().getName().equals(ref.getName()))
          .forEach(role -> rules.addAll(role.getRules()));
    } else if ("Role".equals(ref.getKind()) && namespace != null) {
      chart.all(Role.class).stream()
          .filter(role -> role.getMetadata().getName().equals(ref.getName()))
          .filter(role -> namespace.equals(role.getMetadata().getNamespace()))
          .forEach(role -> rules.addAll(role.getRules()));
    }
    return rules;
  }

  private static List<Permission> expand(String namespace, List<PolicyRule> rules) {
    List<Permission> permissions = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            permissions.add(
                new Permission(
                    namespace, group, resource, verb, List.copyOf(rule.getResourceNames())));
          }
        }
      }
    }
    return permissions;
  }
}
