package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiPathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "/api/v1/namespaces | '' | v1 | - | namespaces | - | -",
        "/api/v1/namespaces/prod | '' | v1 | - | namespaces | prod | -",
        "/api/v1/namespaces/prod/status | '' | v1 | - | namespaces | prod | status",
        "/api/v1/namespaces/prod/configmaps | '' | v1 | prod | configmaps | - | -",
        "/api/v1/namespaces/prod/configmaps/app | '' | v1 | prod | configmaps | app | -",
        "/apis/apps/v1/namespaces/prod/deployments/ingest/scale | apps | v1 | prod | deployments | ingest | scale",
        "/apis/stevedore.io/v1alpha1/environments | stevedore.io | v1alpha1 | - | environments | - | -",
        "/apis/stevedore.io/v1alpha1/namespaces/s/environments/staging/status | stevedore.io | v1alpha1 | s | environments | staging | status",
      })
  void resourcePathsTakenApart(
      String path,
      String group,
      String version,
      String namespace,
      String plural,
      String name,
      String subresource) {
    assertThat(ApiPath.parse(path))
        .contains(new ApiPath(group, version, namespace, plural, name, subresource));
  }

  @ParameterizedTest
  @CsvSource({
    "/api",
    "/apis",
    "/api/v1",
    "/apis/apps",
    "/apis/apps/v1",
    "/version",
    "/openapi/v3/api/v1",
    "/api/v1/a/b/c/d"
  })
  void otherPathsNameNoResource(String path) {
    assertThat(ApiPath.parse(path)).isEqualTo(Optional.empty());
  }
}
