package io.stevedore.helm;

import static io.stevedore.helm.RenderedChart.FULLNAME;
import static io.stevedore.helm.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator's RBAC: exactly the permissions it needs, bound to its ServiceAccount. */
class ChartRbacTest {

  private static final List<String> CRUD =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  /** One verb on one resource of one API group: the unit a PolicyRule expands to. */
  record Permission(String apiGroup, String resource, String verb) {}

  static Stream<Arguments> renderings() {
    return Stream.of(
        Arguments.of("defaults", RenderedChart.withDefaults()),
        Arguments.of(
            "watched namespaces, existing service account",
            RenderedChart.withValues(
                Map.of(
                    "watchNamespaces[0]", "team-a",
                    "serviceAccount.create", false,
                    "serviceAccount.name", "existing-operator"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void noRuleUsesAWildcard(String description, RenderedChart chart) {
    List<PolicyRule> rules = new ArrayList<>();
    chart.all(ClusterRole.class).forEach(role -> rules.addAll(role.getRules()));
    chart.all(Role.class).forEach(role -> rules.addAll(role.getRules()));

    assertThat(rules).isNotEmpty();
    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.getVerbs()).doesNotContain("*");
              assertThat(rule.getResources()).noneMatch(resource -> resource.contains("*"));
              assertThat(rule.getApiGroups()).doesNotContain("*");
              assertThat(rule.getNonResourceURLs()).isEmpty();
            });
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorNeeds() {
    List<Permission> expected = new ArrayList<>();
    // Promotions change environments' spec.release: update and patch on environments cover it.
    for (String kind : List.of("environments", "tenants", "workerpools", "promotions")) {
      expected.addAll(permissions("stevedore.io", kind, "get", "list", "watch", "update", "patch"));
      expected.addAll(permissions("stevedore.io", kind + "/status", "get", "update", "patch"));
      expected.addAll(permissions("stevedore.io", kind + "/finalizers", "update"));
    }
    // Finished Promotions are deleted once their ttlSecondsAfterFinished is up.
    expected.addAll(permissions("stevedore.io", "promotions", "delete"));
    expected.addAll(permissions("apps", "deployments", CRUD.toArray(String[]::new)));
    // The autoscaler writes worker replicas through the scale subresource only.
    expected.addAll(permissions("apps", "deployments/scale", "update"));
    for (String owned : List.of("configmaps", "services", "secrets")) {
      expected.addAll(permissions("", owned, CRUD.toArray(String[]::new)));
    }
    // Tenant isolation's dependents watch what they make (informers list and watch).
    expected.addAll(permissions("", "namespaces", CRUD.toArray(String[]::new)));
    expected.addAll(permissions("", "resourcequotas", CRUD.toArray(String[]::new)));
    expected.addAll(
        permissions("networking.k8s.io", "networkpolicies", CRUD.toArray(String[]::new)));
    expected.addAll(permissions("policy", "poddisruptionbudgets", CRUD.toArray(String[]::new)));
    expected.addAll(permissions("", "pods", "get", "list", "watch", "patch"));
    expected.addAll(permissions("", "events", "create", "patch"));
    expected.addAll(permissions("events.k8s.io", "events", "create", "patch"));

    ClusterRole role = RenderedChart.withDefaults().single(ClusterRole.class);

    assertThat(expand(role.getRules())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void leaderElectionRoleGrantsLeasesInTheReleaseNamespaceOnly() {
    Role role = RenderedChart.withDefaults().single(Role.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(expand(role.getRules()))
        .containsExactlyInAnyOrderElementsOf(
            permissions(
                "coordination.k8s.io",
                "leases",
                "get",
                "list",
                "watch",
                "create",
                "update",
                "patch"));
  }

  @Test
  void bindingsGrantTheRolesToTheOperatorServiceAccount() {
    RenderedChart chart = RenderedChart.withDefaults();
    ClusterRoleBinding clusterBinding = chart.single(ClusterRoleBinding.class);
    RoleBinding binding = chart.single(RoleBinding.class);

    assertThat(clusterBinding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(clusterBinding.getRoleRef().getName())
        .isEqualTo(chart.single(ClusterRole.class).getMetadata().getName());
    assertThat(binding.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName())
        .isEqualTo(chart.single(Role.class).getMetadata().getName());
    for (var subjects : List.of(clusterBinding.getSubjects(), binding.getSubjects())) {
      assertThat(subjects)
          .singleElement()
          .satisfies(
              subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo(FULLNAME);
                assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
              });
    }
  }

  @Test
  void noLeaseRoleIsRenderedWhenLeaderElectionIsDisabled() {
    RenderedChart chart = RenderedChart.withValues(Map.of("leaderElection.enabled", false));

    assertThat(chart.all(Role.class)).isEmpty();
    assertThat(chart.all(RoleBinding.class)).isEmpty();
    assertThat(chart.all(ClusterRole.class)).hasSize(1);
  }

  @Test
  void noRbacObjectIsRenderedWhenRbacCreateIsFalse() {
    RenderedChart chart = RenderedChart.withValues(Map.of("rbac.create", false));

    assertThat(chart.objects())
        .extracting(HasMetadata::getKind)
        .doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  }

  private static List<Permission> permissions(String apiGroup, String resource, String... verbs) {
    return Stream.of(verbs).map(verb -> new Permission(apiGroup, resource, verb)).toList();
  }

  private static List<Permission> expand(List<PolicyRule> rules) {
    List<Permission> permissions = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            permissions.add(new Permission(group, resource, verb));
          }
        }
      }
    }
    return permissions;
  }
}
