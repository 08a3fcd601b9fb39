package io.stevedore.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.operator.kube.OperatorPods;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorSettingsTest {

  @Test
  void watchNamespacesAreACommaListWithSpacesAndEmptiesIgnored() {
    var settings =
        OperatorSettings.fromEnvironment(
            Map.of("STEVEDORE_WATCH_NAMESPACES", " team-a, ,team-b,,  team-c ,"));

    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b", "team-c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ",", " , "})
  void blankNamespaceListMeansAllNamespaces(String namespaces) {
    var settings =
        OperatorSettings.fromEnvironment(Map.of("STEVEDORE_WATCH_NAMESPACES", namespaces));

    assertThat(settings.watchNamespaces()).isEmpty();
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    var settings = OperatorSettings.fromEnvironment(Map.of());

    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseName()).isEqualTo("stevedore-operator");
    assertThat(settings.leaseNamespace()).isEqualTo("default");
    assertThat(settings.identity()).isNotBlank();
    assertThat(settings.healthPort()).isEqualTo(8080);
    assertThat(settings.tenantResync()).isEqualTo(OperatorSettings.DEFAULT_TENANT_RESYNC);
  }

  @Test
  void everySettingIsReadFromItsVariable() {
    var settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "STEVEDORE_WATCH_NAMESPACES", "team-a",
                "STEVEDORE_LEADER_ELECTION", "false",
                "STEVEDORE_LEASE_NAME", "my-lease",
                "POD_NAMESPACE", "operators",
                "POD_NAME", "stevedore-operator-7d9f-abcde",
                "STEVEDORE_HEALTH_PORT", "9090",
                "STEVEDORE_TENANT_RESYNC_SECONDS", "10",
                "STEVEDORE_OPERATOR_POD_LABELS",
                    "app.kubernetes.io/name=stevedore, app.kubernetes.io/instance=prod",
                "STEVEDORE_TENANT_ISOLATION", "false",
                "STEVEDORE_TENANT_DIRECTORY_MAX_OBJECT_BYTES", "65536"));

    assertThat(settings)
        .isEqualTo(
            new OperatorSettings(
                Set.of("team-a"),
                false,
                "my-lease",
                "operators",
                "stevedore-operator-7d9f-abcde",
                9090,
                java.time.Duration.ofSeconds(10),
                new OperatorPods(
                    "operators",
                    Map.of(
                        "app.kubernetes.io/name", "stevedore",
                        "app.kubernetes.io/instance", "prod")),
                false,
                65536));
  }

  @Test
  void withoutPodLabelsTheChartsDefaultReleaseLabelsAndIsolationOnApply() {
    var settings = OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "ops"));

    assertThat(settings.operatorPods())
        .isEqualTo(
            new OperatorPods(
                "ops",
                Map.of(
                    "app.kubernetes.io/name", "stevedore",
                    "app.kubernetes.io/instance", "stevedore")));
    assertThat(settings.tenantIsolation()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " , ", "novalue", "=value"})
  void podLabelsThatSelectNoPodInParticularAreRefused(String labels) {
    assertThatThrownBy(
            () -> OperatorSettings.fromEnvironment(Map.of("STEVEDORE_OPERATOR_POD_LABELS", labels)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void embeddedSettingsWatchAllNamespacesWithoutAHealthPort() {
    var settings = OperatorSettings.embedded("sandbox-1");

    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.identity()).isEqualTo("sandbox-1");
    assertThat(settings.healthPort()).isEqualTo(-1);
    assertThat(settings.withHealthPort(0).healthPort()).isZero();
    assertThat(settings.withHealthPort(0).identity()).isEqualTo("sandbox-1");
  }
}
