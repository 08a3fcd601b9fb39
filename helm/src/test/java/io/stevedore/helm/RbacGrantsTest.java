package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RBAC evaluation the chart's coverage test relies on, case by case, without Helm. */
class RbacGrantsTest {
  private static final String SA_NAMESPACE = "ops";
  private static final String SA = "operator";

  /**
   * ClusterRole "wide" (deployments get, bound cluster-wide), ClusterRole "pods" (pods list, bound
   * in team-a only), Role "scale" in team-a (deployments/scale update), Role "named" in team-a
   * (configmaps get on "c" only), Role "stray" in team-b bound to another account, and a
   * RoleBinding in team-b to a Role of that name that lives in team-a only.
   */
  private static final RbacGrants GRANTS =
      RbacGrants.of(
          RenderedChart.of(
              List.<HasMetadata>of(
                  new ClusterRoleBuilder()
                      .withNewMetadata()
                      .withName("wide")
                      .endMetadata()
                      .withRules(rule("apps", "deployments", "get"), rule("", "namespaces", "list"))
                      .build(),
                  new ClusterRoleBindingBuilder()
                      .withNewMetadata()
                      .withName("wide")
                      .endMetadata()
                      .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "wide")
                      .addNewSubject("", "ServiceAccount", SA, SA_NAMESPACE)
                      .build(),
                  new ClusterRoleBuilder()
                      .withNewMetadata()
                      .withName("pods")
                      .endMetadata()
                      .withRules(rule("", "pods", "list"))
                      .build(),
                  binding("team-a", "ClusterRole", "pods", SA),
                  role("team-a", "scale", rule("apps", "deployments/scale", "update")),
                  binding("team-a", "Role", "scale", SA),
                  role(
                      "team-a",
                      "named",
                      new PolicyRuleBuilder(rule("", "configmaps", "get"))
                          .withResourceNames("c")
                          .build()),
                  binding("team-a", "Role", "named", SA),
                  role("team-b", "stray", rule("", "secrets", "get")),
                  binding("team-b", "Role", "stray", "someone-else"),
                  binding("team-b", "Role", "scale", SA))),
          SA_NAMESPACE,
          SA);

  @ParameterizedTest(name = "{0} {1}/{2} in {3}: {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        // A ClusterRoleBinding grants everywhere, and cluster-scoped requests.
        "get, apps, deployments, team-a, true",
        "get, apps, deployments, -, true",
        "list, '', namespaces, -, true",
        // Verb, group and resource must each match; a subresource is a resource of its own.
        "list, apps, deployments, team-a, false",
        "get, extensions, deployments, team-a, false",
        "get, apps, deployments/scale, team-a, false",
        "update, apps, deployments/scale, team-a, true",
        "update, apps, deployments, team-a, false",
        // A RoleBinding grants in its namespace only, whether to a Role or a ClusterRole.
        "list, '', pods, team-a, true",
        "list, '', pods, team-b, false",
        "list, '', pods, -, false",
        "update, apps, deployments/scale, team-b, false",
        // A rule limited to names grants no call whose name is not known.
        "get, '', configmaps, team-a, false",
        // Another account's binding grants this one nothing.
        "get, '', secrets, team-b, false",
        // Every authenticated user may ask what it may do.
        "create, authorization.k8s.io, selfsubjectrulesreviews, -, true",
      })
  void callIsGrantedAsKubernetesWouldGrantIt(
      String verb, String group, String resource, String namespace, boolean granted) {
    assertThat(GRANTS.grants(new ApiCall(verb, group, resource, namespace))).isEqualTo(granted);
  }

  private static PolicyRule rule(String group, String resource, String verb) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resource)
        .withVerbs(verb)
        .build();
  }

  private static HasMetadata role(String namespace, String name, PolicyRule rule) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withRules(rule)
        .build();
  }

  private static HasMetadata binding(String namespace, String kind, String role, String account) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(role)
        .withNamespace(namespace)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", kind, role)
        .addNewSubject("", "ServiceAccount", account, SA_NAMESPACE)
        .build();
  }
}
