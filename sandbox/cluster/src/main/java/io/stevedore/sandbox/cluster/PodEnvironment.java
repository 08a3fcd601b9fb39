package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a container would see as its environment, resolved as the kubelet does: envFrom ConfigMaps,
 * plain values, and Secret and ConfigMap key references; paths under a volume mount point to where
 * the sandbox materialised that volume.
 */
final class PodEnvironment {
  private PodEnvironment() {}

  /**
   * @param mounts container mount path → host directory holding the volume's files
   * @throws IllegalStateException naming the reference that cannot be resolved, as the kubelet's
   *     CreateContainerConfigError would
   */
  static Map<String, String> resolve(
      KubernetesClient client, String namespace, Container container, Map<String, Path> mounts) {
    Map<String, String> env = new LinkedHashMap<>();
    if (container.getEnvFrom() != null) {
      for (var source : container.getEnvFrom()) {
        if (source.getConfigMapRef() != null) {
          env.putAll(configMap(client, namespace, source.getConfigMapRef().getName()).getData());
        }
        if (source.getSecretRef() != null) {
          decoded(secret(client, namespace, source.getSecretRef().getName())).forEach(env::put);
        }
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar variable : container.getEnv()) {
        env.put(variable.getName(), value(client, namespace, variable));
      }
    }
    env.replaceAll((name, value) -> remap(value, mounts));
    return env;
  }

  /** The files of a Secret or ConfigMap volume: key → content. */
  static Map<String, byte[]> volumeFiles(
      KubernetesClient client, String namespace, io.fabric8.kubernetes.api.model.Volume volume) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (volume.getSecret() != null) {
      secret(client, namespace, volume.getSecret().getSecretName())
          .getData()
          .forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
    } else if (volume.getConfigMap() != null) {
      configMap(client, namespace, volume.getConfigMap().getName())
          .getData()
          .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
    } else if (volume.getProjected() != null) {
      files.putAll(ProjectedVolume.files(client, namespace, volume.getProjected()));
    }
    return files;
  }

  /** The container's volume mounts: mount path → volume name. */
  static Map<String, String> mountPaths(Container container) {
    Map<String, String> mounts = new LinkedHashMap<>();
    if (container.getVolumeMounts() != null) {
      container.getVolumeMounts().forEach(m -> mounts.put(m.getMountPath(), m.getName()));
    }
    return mounts;
  }

  static Optional<io.fabric8.kubernetes.api.model.Volume> volume(PodSpec pod, String name) {
    return pod.getVolumes() == null
        ? Optional.empty()
        : pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  private static String value(KubernetesClient client, String namespace, EnvVar variable) {
    if (variable.getValueFrom() == null) {
      return variable.getValue() == null ? "" : variable.getValue();
    }
    var from = variable.getValueFrom();
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      String value = decoded(secret(client, namespace, ref.getName())).get(ref.getKey());
      if (value == null) {
        throw new IllegalStateException(
            "key " + ref.getKey() + " not found in Secret " + ref.getName());
      }
      return value;
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      return configMap(client, namespace, ref.getName()).getData().get(ref.getKey());
    }
    throw new IllegalStateException("unsupported valueFrom in " + variable.getName());
  }

  private static String remap(String value, Map<String, Path> mounts) {
    for (var mount : mounts.entrySet()) {
      if (value.startsWith(mount.getKey() + "/") || value.equals(mount.getKey())) {
        return mount.getValue() + value.substring(mount.getKey().length());
      }
    }
    return value;
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }

  private static Secret secret(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new IllegalStateException("Secret " + name + " not found");
    }
    return secret;
  }

  private static ConfigMap configMap(KubernetesClient client, String namespace, String name) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      throw new IllegalStateException("ConfigMap " + name + " not found");
    }
    return configMap;
  }
}
