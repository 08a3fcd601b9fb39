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
import io.stevedore.helm.RbacGrants.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape of the operator's RBAC: where each Role lives and whom it is bound to. Which
 * permissions it holds is proven against the operator's real calls by {@link
 * ChartRbacCoverageTest}.
 */
class ChartRbacTest {
  private static final String LEADER_ELECTION_ROLE = FULLNAME + "-leader-election";

  private static final RenderedChart WATCHING_TWO_NAMESPACES =
      RenderedChart.withValues(
          Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));

  static Stream<Arguments> renderings() {
    return Stream.of(
        Arguments.of("defaults", RenderedChart.withDefaults()),
        Arguments.of("watched namespaces", WATCHING_TWO_NAMESPACES),
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyBindingGrantsARenderedRoleToTheOperatorServiceAccountOnly(
      String description, RenderedChart chart) {
    String account = chart.deployment().getSpec().getTemplate().getSpec().getServiceAccountName();
    for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      assertThat(chart.all(ClusterRole.class))
          .extracting(role -> role.getMetadata().getName())
          .contains(binding.getRoleRef().getName());
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(subject -> assertThat(subject.getName()).isEqualTo(account));
    }
    for (RoleBinding binding : chart.all(RoleBinding.class)) {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(chart.all(Role.class))
          .anySatisfy(
              role -> {
                assertThat(role.getMetadata().getName()).isEqualTo(binding.getRoleRef().getName());
                assertThat(role.getMetadata().getNamespace())
                    .isEqualTo(binding.getMetadata().getNamespace());
              });
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(
              subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo(account);
                assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
              });
    }
  }

  @Test
  void withWatchNamespacesTheOperatorsRolesLiveInThoseNamespacesAndTheReleaseNamespaceOnly() {
    assertThat(WATCHING_TWO_NAMESPACES.all(Role.class))
        .extracting(role -> role.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
    assertThat(WATCHING_TWO_NAMESPACES.all(RoleBinding.class))
        .extracting(binding -> binding.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
  }

  @Test
  void withWatchNamespacesNothingIsGrantedClusterWide() {
    assertThat(clusterWide(WATCHING_TWO_NAMESPACES)).isEmpty();
    assertThat(WATCHING_TWO_NAMESPACES.all(ClusterRole.class)).isEmpty();
    assertThat(WATCHING_TWO_NAMESPACES.all(ClusterRoleBinding.class)).isEmpty();
  }

  @Test
  void clusterWideOnlyTenantIsolationGrantsNamespacesAndDeletes() {
    RenderedChart withoutIsolation =
        RenderedChart.withValues(Map.of("tenantIsolation.enabled", false));

    // The tenant's own namespace and its contents: made at run time, so no Role can be there.
    assertThat(clusterWide(RenderedChart.withDefaults()))
        .extracting(Permission::resource)
        .contains("namespaces");
    assertThat(clusterWide(withoutIsolation))
        .filteredOn(p -> p.resource().equals("namespaces") || p.verb().equals("delete"))
        .extracting(Permission::resource)
        .as("only finished Promotions and tenant directory shards no longer needed are deleted")
        .containsOnly("promotions", "secrets", "configmaps");
    assertThat(withoutIsolation.all(ClusterRole.class))
        .singleElement()
        .satisfies(role -> assertThat(role.getMetadata().getName()).isEqualTo(FULLNAME));
    assertThat(withoutIsolation.all(ClusterRoleBinding.class)).hasSize(1);
  }

  private static List<Permission> clusterWide(RenderedChart chart) {
    return RbacGrants.of(chart, NAMESPACE, FULLNAME).permissions().stream()
        .filter(permission -> permission.namespace() == null)
        .toList();
  }

  @Test
  void leaderElectionRoleGrantsLeasesInTheReleaseNamespaceOnly() {
    Role role = leaderElectionRoles(RenderedChart.withDefaults()).get(0);

    assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(role.getRules())
        .allSatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
              assertThat(rule.getResources()).containsExactly("leases");
            });
  }

  @Test
  void noLeaseRoleIsRenderedWhenLeaderElectionIsDisabled() {
    RenderedChart chart = RenderedChart.withValues(Map.of("leaderElection.enabled", false));

    assertThat(leaderElectionRoles(chart)).isEmpty();
    assertThat(chart.all(RoleBinding.class)).isEmpty();
    assertThat(chart.all(ClusterRole.class)).hasSize(2);
  }

  @Test
  void noRbacObjectIsRenderedWhenRbacCreateIsFalse() {
    for (RenderedChart chart :
        List.of(
            RenderedChart.withValues(Map.of("rbac.create", false)),
            RenderedChart.withValues(
                Map.of("rbac.create", false, "watchNamespaces[0]", "team-a")))) {
      assertThat(chart.objects())
          .extracting(HasMetadata::getKind)
          .doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    }
  }

  private static List<Role> leaderElectionRoles(RenderedChart chart) {
    return chart.all(Role.class).stream()
        .filter(role -> role.getMetadata().getName().equals(LEADER_ELECTION_ROLE))
        .toList();
  }
}
