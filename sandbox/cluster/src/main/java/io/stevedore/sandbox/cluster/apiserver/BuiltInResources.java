package io.stevedore.sandbox.cluster.apiserver;

import java.util.List;

/**
 * The built-in kinds the embedded API advertises: those the operator and the platform use, and
 * those an SRE reaches for first. The mock server stores any kind; this list is what kubectl may
 * name.
 */
final class BuiltInResources {
  private static final List<String> NONE = List.of();
  private static final List<String> STATUS = List.of("status");
  private static final List<String> ALL = List.of("all");

  static final List<ApiResource> ALL_KINDS =
      List.of(
          ApiResource.builtIn("v1", "Namespace", "namespaces", false, List.of("ns"), STATUS),
          ApiResource.builtIn("v1", "ConfigMap", "configmaps", true, List.of("cm"), NONE),
          ApiResource.builtIn("v1", "Secret", "secrets", true, NONE, NONE),
          ApiResource.builtIn("v1", "Service", "services", true, List.of("svc"), STATUS)
              .withCategories(ALL),
          ApiResource.builtIn("v1", "Pod", "pods", true, List.of("po"), STATUS).withCategories(ALL),
          ApiResource.builtIn("v1", "Event", "events", true, List.of("ev"), NONE),
          ApiResource.builtIn("v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), NONE),
          ApiResource.builtIn("v1", "Endpoints", "endpoints", true, List.of("ep"), NONE),
          ApiResource.builtIn(
              "v1",
              "PersistentVolumeClaim",
              "persistentvolumeclaims",
              true,
              List.of("pvc"),
              STATUS),
          ApiResource.builtIn("v1", "Node", "nodes", false, List.of("no"), STATUS),
          ApiResource.builtIn(
              "v1", "ResourceQuota", "resourcequotas", true, List.of("quota"), STATUS),
          ApiResource.builtIn("v1", "LimitRange", "limitranges", true, List.of("limits"), NONE),
          ApiResource.builtIn(
                  "apps/v1",
                  "Deployment",
                  "deployments",
                  true,
                  List.of("deploy"),
                  List.of("status", "scale"))
              .withCategories(ALL),
          ApiResource.builtIn("apps/v1", "ReplicaSet", "replicasets", true, List.of("rs"), STATUS)
              .withCategories(ALL),
          ApiResource.builtIn(
                  "apps/v1", "StatefulSet", "statefulsets", true, List.of("sts"), STATUS)
              .withCategories(ALL),
          ApiResource.builtIn("apps/v1", "DaemonSet", "daemonsets", true, List.of("ds"), STATUS)
              .withCategories(ALL),
          ApiResource.builtIn("batch/v1", "Job", "jobs", true, NONE, STATUS).withCategories(ALL),
          ApiResource.builtIn("batch/v1", "CronJob", "cronjobs", true, List.of("cj"), STATUS)
              .withCategories(ALL),
          ApiResource.builtIn(
                  "autoscaling/v2",
                  "HorizontalPodAutoscaler",
                  "horizontalpodautoscalers",
                  true,
                  List.of("hpa"),
                  STATUS)
              .withCategories(ALL),
          ApiResource.builtIn(
              "policy/v1",
              "PodDisruptionBudget",
              "poddisruptionbudgets",
              true,
              List.of("pdb"),
              STATUS),
          ApiResource.builtIn("coordination.k8s.io/v1", "Lease", "leases", true, NONE, NONE),
          ApiResource.builtIn("events.k8s.io/v1", "Event", "events", true, List.of("ev"), NONE),
          ApiResource.builtIn(
              "networking.k8s.io/v1", "Ingress", "ingresses", true, List.of("ing"), STATUS),
          ApiResource.builtIn(
              "networking.k8s.io/v1",
              "NetworkPolicy",
              "networkpolicies",
              true,
              List.of("netpol"),
              NONE),
          ApiResource.builtIn(
              "discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true, NONE, NONE),
          ApiResource.builtIn("rbac.authorization.k8s.io/v1", "Role", "roles", true, NONE, NONE),
          ApiResource.builtIn(
              "rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true, NONE, NONE),
          ApiResource.builtIn(
              "rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false, NONE, NONE),
          ApiResource.builtIn(
              "rbac.authorization.k8s.io/v1",
              "ClusterRoleBinding",
              "clusterrolebindings",
              false,
              NONE,
              NONE),
          ApiResource.builtIn(
              "apiextensions.k8s.io/v1",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false,
              List.of("crd", "crds"),
              STATUS),
          ApiResource.builtIn(
                  "authorization.k8s.io/v1",
                  "SelfSubjectAccessReview",
                  "selfsubjectaccessreviews",
                  false,
                  NONE,
                  NONE)
              .withVerbs(List.of("create")),
          ApiResource.builtIn(
                  "authorization.k8s.io/v1",
                  "SelfSubjectRulesReview",
                  "selfsubjectrulesreviews",
                  false,
                  NONE,
                  NONE)
              .withVerbs(List.of("create")));

  private BuiltInResources() {}
}
