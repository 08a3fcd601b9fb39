package io.stevedore.helm;

import static io.stevedore.helm.RecordedOperatorCalls.WATCHED_NAMESPACES;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.helm.RbacGrants.Permission;
import io.stevedore.helm.RecordedOperatorCalls.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart's RBAC proven against the operator's real calls: the operator's integration tests on
 * the embedded API record every call its own client makes (operator/target/api-calls/); here the
 * chart is rendered cluster-wide and with watchNamespaces, and each recorded call must be granted,
 * and each granted permission must be used by some call (or be listed below, with why).
 */
class ChartRbacCoverageTest {
  private static final String TEAM_A = "team-a";
  private static final String TEAM_B = "team-b";

  /** A tenant's own namespace (namespace-tenant), made by the operator, so never watched. */
  private static final String TENANT_NAMESPACE = "team-a-acme";

  /** Permissions no request exercises, as "verb group/resource", each with why it is granted. */
  private static final Map<String, String> GRANTED_THOUGH_NEVER_REQUESTED =
      Map.of(
          // The OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift) checks
          // these when the operator sets an owner reference with blockOwnerDeletion; no request
          // goes to them.
          "update stevedore.io/environments/finalizers", "owner references to an Environment",
          "update stevedore.io/tenants/finalizers", "owner references to a Tenant",
          "update stevedore.io/workerpools/finalizers", "owner references to a WorkerPool");

  enum Mode {
    CLUSTER_WIDE(RenderedChart.withDefaults(), List.of(TEAM_A)),
    WATCH_NAMESPACES(
        RenderedChart.withValues(
            Map.of("watchNamespaces[0]", TEAM_A, "watchNamespaces[1]", TEAM_B)),
        List.of(TEAM_A, TEAM_B));

    final RbacGrants grants;
    final List<String> watched;

    Mode(RenderedChart chart, List<String> watched) {
      this.grants = RbacGrants.of(chart, RenderedChart.NAMESPACE, RenderedChart.FULLNAME);
      this.watched = watched;
    }

    /**
     * The recorded calls as this chart would see them. With watchNamespaces, a call outside the
     * watched namespaces and the operator's own counts only if the operator made it while watching
     * some namespaces: watching all namespaces, it lists and watches across them and makes tenant
     * namespaces, which it does not do otherwise.
     */
    List<ApiCall> calls(List<Recorded> recording) {
      List<ApiCall> calls = new ArrayList<>();
      for (Recorded call : recording) {
        if (this == WATCH_NAMESPACES
            && (call.scope().equals("cluster") || call.scope().equals("other"))
            && !call.mode().equals(WATCHED_NAMESPACES)) {
          continue;
        }
        for (String namespace : namespaces(call.scope())) {
          calls.add(new ApiCall(call.verb(), call.group(), call.resource(), namespace));
        }
      }
      return calls.stream().distinct().toList();
    }

    private List<String> namespaces(String scope) {
      return switch (scope) {
        case "cluster" -> java.util.Collections.singletonList(null);
        case "watched" -> watched;
        case "operator" -> List.of(RenderedChart.NAMESPACE);
        case "other" -> List.of(TENANT_NAMESPACE);
        default -> throw new IllegalStateException("Unknown scope in the recording: " + scope);
      };
    }
  }

  @Test
  void recordingHoldsCallsOfAnOperatorWatchingAllNamespacesAndOfOneWatchingSome() {
    assertThat(RecordedOperatorCalls.all())
        .extracting(Recorded::mode)
        .contains(RecordedOperatorCalls.ALL_NAMESPACES, WATCHED_NAMESPACES);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyCallTheOperatorMakesIsGranted(Mode mode) {
    List<ApiCall> refused =
        mode.calls(RecordedOperatorCalls.all()).stream()
            .filter(call -> !mode.grants.grants(call))
            .toList();

    assertThat(refused)
        .as("calls the operator made that the chart (%s) does not grant", mode)
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyGrantedPermissionIsUsed(Mode mode) {
    List<ApiCall> calls = mode.calls(RecordedOperatorCalls.all());
    Set<String> unused = new TreeSet<>();
    for (Permission permission : mode.grants.permissions()) {
      if (calls.stream().noneMatch(permission::grants)
          && !GRANTED_THOUGH_NEVER_REQUESTED.containsKey(withoutScope(permission))) {
        unused.add(permission.toString());
      }
    }

    assertThat(unused)
        .as(
            "permissions the chart (%s) grants that no recorded call uses: remove them, or run the"
                + " operator's whole test suite first",
            mode)
        .isEmpty();
  }

  @Test
  void permissionsGrantedThoughNeverRequestedAreGrantedAndIndeedNeverRequested() {
    List<Recorded> recording = RecordedOperatorCalls.all();
    Set<String> granted = new TreeSet<>();
    for (Mode mode : Mode.values()) {
      mode.grants.permissions().forEach(permission -> granted.add(withoutScope(permission)));
      Set<String> requested = new TreeSet<>();
      mode.calls(recording)
          .forEach(
              call ->
                  requested.add(call.verb() + " " + group(call.group()) + "/" + call.resource()));

      assertThat(requested)
          .as("requested, so no longer to be listed as never requested (%s)", mode)
          .doesNotContainAnyElementsOf(GRANTED_THOUGH_NEVER_REQUESTED.keySet());
    }
    assertThat(granted)
        .as("granted in some mode")
        .containsAll(GRANTED_THOUGH_NEVER_REQUESTED.keySet());
  }

  @Test
  void withWatchNamespacesTheOperatorMadeNoCallOutsideItsNamespacesButTheRulesReview() {
    // Leader election asks selfsubjectrulesreviews, which every authenticated user may.
    assertThat(RecordedOperatorCalls.all())
        .filteredOn(call -> call.mode().equals(WATCHED_NAMESPACES))
        .filteredOn(call -> !call.resource().equals("selfsubjectrulesreviews"))
        .isNotEmpty()
        .allSatisfy(call -> assertThat(call.scope()).isIn("watched", "operator"));
  }

  private static String withoutScope(Permission permission) {
    return permission.verb() + " " + group(permission.group()) + "/" + permission.resource();
  }

  private static String group(String group) {
    return group.isEmpty() ? "core" : group;
  }
}
