package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.testing.Fixtures;
import org.junit.jupiter.api.Test;

class IngestServiceDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void serviceIsNamedLikeTheIngestDeploymentInTheEnvironmentsNamespace() {
    var metadata = IngestServiceDependentResource.desired(environment).getMetadata();

    assertThat(metadata.getName()).isEqualTo("staging-ingest");
    assertThat(metadata.getNamespace()).isEqualTo("team-a");
    assertThat(metadata.getLabels()).containsEntry("stevedore.io/environment", "staging");
  }

  @Test
  void serviceSelectsExactlyTheIngestPods() {
    var selector = IngestServiceDependentResource.desired(environment).getSpec().getSelector();
    var deployment = IngestDeploymentDependentResource.desired(environment);

    assertThat(selector).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(selector);
  }

  @Test
  void serviceExposesOnlyHttpOnPort80() {
    var spec = IngestServiceDependentResource.desired(environment).getSpec();

    assertThat(spec.getType()).isEqualTo("ClusterIP");
    assertThat(spec.getPorts()).hasSize(1);
    var port = spec.getPorts().get(0);
    assertThat(port.getName()).isEqualTo("http");
    assertThat(port.getPort()).isEqualTo(80);
    assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
    assertThat(port.getProtocol()).isEqualTo("TCP");
  }

  @Test
  void urlIsTheServicesClusterDnsName() {
    assertThat(IngestServiceDependentResource.url(environment))
        .isEqualTo("http://staging-ingest.team-a.svc:80");
  }
}
