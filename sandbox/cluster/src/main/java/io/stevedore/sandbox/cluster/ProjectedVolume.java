package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files of a projected volume of Secrets and ConfigMaps, as the kubelet lays them out: every
 * source's keys (or its listed items) side by side; a missing optional source adds nothing, a
 * missing required one fails the pod's volume.
 */
final class ProjectedVolume {
  private ProjectedVolume() {}

  static Map<String, byte[]> files(
      KubernetesClient client, String namespace, ProjectedVolumeSource volume) {
    // One list per kind, not one read per source: a volume may name hundreds of optional slots.
    Map<String, Secret> secrets = null;
    Map<String, ConfigMap> configMaps = null;
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (var source : volume.getSources()) {
      if (source.getSecret() != null) {
        if (secrets == null) {
          secrets =
              byName(
                  client.secrets().inNamespace(namespace).list().getItems(), Secret::getMetadata);
        }
        var projection = source.getSecret();
        Secret secret = secrets.get(projection.getName());
        if (secret == null) {
          require(projection.getOptional(), "Secret", projection.getName());
          continue;
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
          secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        add(files, data, projection.getItems());
      } else if (source.getConfigMap() != null) {
        if (configMaps == null) {
          configMaps =
              byName(
                  client.configMaps().inNamespace(namespace).list().getItems(),
                  ConfigMap::getMetadata);
        }
        var projection = source.getConfigMap();
        ConfigMap configMap = configMaps.get(projection.getName());
        if (configMap == null) {
          require(projection.getOptional(), "ConfigMap", projection.getName());
          continue;
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (configMap.getData() != null) {
          configMap.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        add(files, data, projection.getItems());
      }
    }
    return files;
  }

  private static void add(
      Map<String, byte[]> files, Map<String, byte[]> data, List<KeyToPath> items) {
    if (items == null || items.isEmpty()) {
      files.putAll(data);
      return;
    }
    for (KeyToPath item : items) {
      if (data.containsKey(item.getKey())) {
        files.put(item.getPath(), data.get(item.getKey()));
      }
    }
  }

  private static void require(Boolean optional, String kind, String name) {
    if (!Boolean.TRUE.equals(optional)) {
      throw new IllegalStateException(kind + " " + name + " not found");
    }
  }

  private static <T> Map<String, T> byName(
      List<T> items, Function<T, io.fabric8.kubernetes.api.model.ObjectMeta> metadata) {
    return items.stream()
        .collect(Collectors.toMap(i -> metadata.apply(i).getName(), Function.identity()));
  }
}
