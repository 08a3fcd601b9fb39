package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery is built from whatever CRDs are installed: every one of crds/ is served. */
class DiscoveryTest {
  private final ResourceCatalog catalog = InstalledCrds.catalog();

  private JsonNode document(String path) {
    return Discovery.document(path, catalog, "127.0.0.1:6443").orElseThrow();
  }

  @Test
  void everyInstalledCrdIsDiscoverableWithItsNamesAndSubresources() {
    for (JsonNode crd : InstalledCrds.list().path("items")) {
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asText();
      String version = spec.path("versions").get(0).path("name").asText();
      JsonNode list = document("/apis/" + group + "/" + version);
      String plural = spec.at("/names/plural").asText();

      JsonNode resource = find(list, plural);
      assertThat(resource.path("kind").asText()).isEqualTo(spec.at("/names/kind").asText());
      assertThat(resource.path("singularName").asText())
          .isEqualTo(spec.at("/names/singular").asText());
      assertThat(resource.path("namespaced").asBoolean())
          .isEqualTo("Namespaced".equals(spec.path("scope").asText()));
      assertThat(resource.path("shortNames")).isEqualTo(spec.at("/names/shortNames"));
      assertThat(texts(resource.path("verbs")))
          .contains("get", "list", "watch", "create", "patch", "delete");
      if (spec.path("versions").get(0).path("subresources").has("status")) {
        assertThat(texts(find(list, plural + "/status").path("verbs")))
            .containsExactly("get", "patch", "update");
      }
      assertThat(texts(document("/apis").path("groups").findValues("name"))).contains(group);
    }
  }

  @Test
  void theCoreGroupAndBuiltInGroupsAreServed() {
    assertThat(document("/api").path("versions").toString()).isEqualTo("[\"v1\"]");
    assertThat(find(document("/api/v1"), "configmaps").path("shortNames").toString())
        .isEqualTo("[\"cm\"]");
    JsonNode apps = document("/apis/apps");
    assertThat(apps.at("/preferredVersion/groupVersion").asText()).isEqualTo("apps/v1");
    assertThat(find(document("/apis/apps/v1"), "deployments/scale").path("kind").asText())
        .isEqualTo("Scale");
  }

  @Test
  void unknownGroupsAreNotFound() {
    assertThat(Discovery.document("/apis/nope.io/v1", catalog, "x")).isEmpty();
    assertThat(Discovery.document("/apis/nope.io", catalog, "x")).isEmpty();
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }

  private static List<String> texts(Iterable<JsonNode> nodes) {
    List<String> texts = new ArrayList<>();
    nodes.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
