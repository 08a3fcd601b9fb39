package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
  private static final JsonNode DEPLOYMENT =
      Json.parse(
          """
          {"metadata": {"name": "ingest", "labels": {"a": "1", "b": "2"}, "finalizers": ["x", "y"]},
           "spec": {"replicas": 2, "template": {"spec": {"containers": [
             {"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}]},
             {"name": "sidecar", "image": "proxy:1"}]}}}}
          """);

  private static JsonNode patched(String patch) {
    return StrategicMergePatch.apply(DEPLOYMENT, Json.parse(patch));
  }

  @Test
  void mapsMergeAndNullsRemoveKeys() {
    JsonNode result =
        patched("{\"metadata\": {\"labels\": {\"a\": \"9\", \"b\": null, \"c\": \"3\"}}}");
    assertThat(result.at("/metadata/labels").toString()).isEqualTo("{\"a\":\"9\",\"c\":\"3\"}");
    assertThat(result.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void listsOfNamedObjectsMergeItemByItem() {
    JsonNode result =
        patched(
            """
            {"spec": {"template": {"spec": {
               "$setElementOrder/containers": [{"name": "app"}, {"name": "sidecar"}],
               "containers": [{"name": "app", "image": "app:2"}, {"name": "debug", "image": "busybox"}]}}}}
            """);
    JsonNode containers = result.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(3);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("app:2");
    assertThat(containers.get(0).path("env").get(0).path("value").asText()).isEqualTo("1");
    assertThat(containers.get(1).path("image").asText()).isEqualTo("proxy:1");
    assertThat(containers.get(2).path("name").asText()).isEqualTo("debug");
    assertThat(result.at("/spec/template/spec").has("$setElementOrder/containers")).isFalse();
  }

  @Test
  void deleteDirectivesRemoveListItems() {
    JsonNode result =
        patched(
            """
            {"metadata": {"$deleteFromPrimitiveList/finalizers": ["x"]},
             "spec": {"template": {"spec": {"containers": [{"name": "sidecar", "$patch": "delete"}]}}}}
            """);
    assertThat(result.at("/metadata/finalizers").toString()).isEqualTo("[\"y\"]");
    assertThat(result.at("/spec/template/spec/containers")).hasSize(1);
  }

  @Test
  void replaceAndRetainKeysDirectives() {
    JsonNode replaced =
        patched("{\"metadata\": {\"labels\": {\"$patch\": \"replace\", \"z\": \"1\"}}}");
    assertThat(replaced.at("/metadata/labels").toString()).isEqualTo("{\"z\":\"1\"}");
    JsonNode retained = patched("{\"spec\": {\"$retainKeys\": [\"replicas\"], \"replicas\": 3}}");
    assertThat(retained.at("/spec").toString()).isEqualTo("{\"replicas\":3}");
  }

  @Test
  void primitiveListsAndListsWithoutMergeKeysAreReplaced() {
    JsonNode result = patched("{\"metadata\": {\"finalizers\": [\"z\"]}}");
    assertThat(result.at("/metadata/finalizers").toString()).isEqualTo("[\"z\"]");
  }

  @Test
  void theTargetIsLeftUnchanged() {
    String before = DEPLOYMENT.toString();
    patched("{\"spec\": {\"replicas\": 5}}");
    assertThat(DEPLOYMENT.toString()).isEqualTo(before);
  }
}
