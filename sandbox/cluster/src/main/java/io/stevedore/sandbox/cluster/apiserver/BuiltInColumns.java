package io.stevedore.sandbox.cluster.apiserver;

import static io.stevedore.sandbox.cluster.apiserver.TableColumn.AGE;
import static io.stevedore.sandbox.cluster.apiserver.TableColumn.NAME;
import static io.stevedore.sandbox.cluster.apiserver.TableColumn.of;
import static io.stevedore.sandbox.cluster.apiserver.TableColumn.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns `kubectl get` shows for the built-in kinds people look at here, close to a real
 * cluster's; other built-ins get Name and Age.
 */
final class BuiltInColumns {
  private static final Map<String, List<TableColumn>> BY_KIND =
      Map.of(
          "Deployment",
          List.of(
              NAME,
              of(
                  "Ready",
                  0,
                  (o, now) ->
                      ratio(
                          o.path("status").path("readyReplicas"), o.path("spec").path("replicas"))),
              of("Up-to-date", 0, (o, now) -> count(o.path("status").path("updatedReplicas"))),
              of("Available", 0, (o, now) -> count(o.path("status").path("availableReplicas"))),
              AGE,
              of("Containers", 1, (o, now) -> joined(containers(o), "name")),
              of("Images", 1, (o, now) -> joined(containers(o), "image"))),
          "Pod",
          List.of(
              NAME,
              of("Ready", 0, (o, now) -> readyContainers(o)),
              of("Status", 0, (o, now) -> text(o.path("status").path("phase").asText("Pending"))),
              of("Restarts", 0, (o, now) -> restarts(o)),
              AGE,
              of("IP", 1, (o, now) -> orNone(o.path("status").path("podIP"))),
              of("Node", 1, (o, now) -> orNone(o.path("spec").path("nodeName")))),
          "Service",
          List.of(
              NAME,
              of("Type", 0, (o, now) -> text(o.path("spec").path("type").asText("ClusterIP"))),
              of("Cluster-IP", 0, (o, now) -> orNone(o.path("spec").path("clusterIP"))),
              of("External-IP", 0, (o, now) -> text("<none>")),
              of("Port(s)", 0, (o, now) -> ports(o)),
              AGE),
          "ConfigMap",
          List.of(NAME, of("Data", 0, (o, now) -> dataCount(o)), AGE),
          "Secret",
          List.of(
              NAME,
              of("Type", 0, (o, now) -> text(o.path("type").asText("Opaque"))),
              of("Data", 0, (o, now) -> dataCount(o)),
              AGE),
          "Namespace",
          List.of(
              NAME,
              of("Status", 0, (o, now) -> text(o.path("status").path("phase").asText("Active"))),
              AGE),
          "Event",
          List.of(
              TableColumn.age("Last Seen", "lastTimestamp"),
              of("Type", 0, (o, now) -> orNone(o.path("type"))),
              of("Reason", 0, (o, now) -> orNone(o.path("reason"))),
              of("Object", 0, (o, now) -> involvedObject(o)),
              of("Message", 0, (o, now) -> orNone(o.path("message")))),
          "Lease",
          List.of(
              NAME,
              of("Holder", 0, (o, now) -> orNone(o.path("spec").path("holderIdentity"))),
              AGE),
          "CustomResourceDefinition",
          List.of(
              NAME,
              of(
                  "Created At",
                  0,
                  (o, now) -> orNone(o.path("metadata").path("creationTimestamp")))));

  private BuiltInColumns() {}

  static List<TableColumn> forKind(String kind) {
    return BY_KIND.getOrDefault(kind, List.of(NAME, AGE));
  }

  private static JsonNode count(JsonNode value) {
    return JsonNodeFactory.instance.numberNode(value.asLong(0));
  }

  private static JsonNode ratio(JsonNode ready, JsonNode wanted) {
    return text(ready.asLong(0) + "/" + wanted.asLong(1));
  }

  private static JsonNode orNone(JsonNode value) {
    return text(value.isValueNode() && !value.asText().isEmpty() ? value.asText() : "<none>");
  }

  private static JsonNode dataCount(JsonNode object) {
    return JsonNodeFactory.instance.numberNode(
        object.path("data").size() + object.path("binaryData").size());
  }

  private static JsonNode containers(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers");
  }

  private static JsonNode joined(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(element -> values.add(element.path(field).asText()));
    return text(String.join(",", values));
  }

  private static JsonNode readyContainers(JsonNode pod) {
    JsonNode statuses = pod.path("status").path("containerStatuses");
    long ready = 0;
    for (JsonNode status : statuses) {
      ready += status.path("ready").asBoolean() ? 1 : 0;
    }
    return text(ready + "/" + pod.path("spec").path("containers").size());
  }

  private static JsonNode restarts(JsonNode pod) {
    long restarts = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      restarts += status.path("restartCount").asLong(0);
    }
    return JsonNodeFactory.instance.numberNode(restarts);
  }

  private static JsonNode ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.path("spec").path("ports")) {
      ports.add(port.path("port").asText() + "/" + port.path("protocol").asText("TCP"));
    }
    return text(ports.isEmpty() ? "<none>" : String.join(",", ports));
  }

  private static JsonNode involvedObject(JsonNode event) {
    JsonNode involved = event.path("involvedObject");
    return text(
        involved.path("kind").asText().toLowerCase() + "/" + involved.path("name").asText());
  }
}
