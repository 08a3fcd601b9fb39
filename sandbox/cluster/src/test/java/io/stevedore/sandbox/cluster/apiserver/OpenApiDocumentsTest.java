package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
  private final ResourceCatalog catalog = InstalledCrds.catalog();

  @Test
  void theIndexListsEveryGroupVersionWithAContentHash() {
    JsonNode paths = OpenApiDocuments.index(catalog).path("paths");
    assertThat(paths.has("api/v1")).isTrue();
    assertThat(paths.has("apis/apps/v1")).isTrue();
    assertThat(paths.path("apis/stevedore.io/v1alpha1").path("serverRelativeURL").asText())
        .matches("/openapi/v3/apis/stevedore\\.io/v1alpha1\\?hash=[0-9A-F]{32}");
  }

  @Test
  void customResourcesCarryTheirCrdSchemaForExplain() {
    JsonNode document =
        OpenApiDocuments.forPath(catalog, "apis/stevedore.io/v1alpha1").orElseThrow();
    JsonNode environment = document.at("/components/schemas/io.stevedore.v1alpha1.Environment");

    assertThat(environment.at("/x-kubernetes-group-version-kind/0/kind").asText())
        .isEqualTo("Environment");
    assertThat(environment.at("/properties/spec/properties/release/description").asText())
        .isEqualTo(
            InstalledCrds.stevedore("environments")
                .schema()
                .at("/properties/spec/properties/release/description")
                .asText())
        .isNotBlank();
    assertThat(environment.at("/properties/metadata/type").asText()).isEqualTo("object");
  }

  @Test
  void patchesDeclareFieldValidationSoKubectlLeavesValidationToTheServer() {
    JsonNode document =
        OpenApiDocuments.forPath(catalog, "apis/stevedore.io/v1alpha1").orElseThrow();
    JsonNode patch =
        document.at(
            "/paths/~1apis~1stevedore.io~1v1alpha1~1namespaces~1{namespace}~1tenants~1{name}/patch");

    assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Tenant");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
  }

  @Test
  void builtInKindsHavePathsButNoSchemas() {
    JsonNode document = OpenApiDocuments.forPath(catalog, "api/v1").orElseThrow();
    assertThat(
            document
                .at("/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}/patch")
                .isObject())
        .isTrue();
    assertThat(document.at("/components/schemas").isEmpty()).isTrue();
    assertThat(OpenApiDocuments.forPath(catalog, "apis/nope.io/v1")).isEmpty();
  }
}
