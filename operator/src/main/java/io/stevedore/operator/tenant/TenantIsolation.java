package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.platform.PlatformNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's own namespace where its Environment isolates tenants (pure), Capsule-style: for the
 * tenant's workloads (its agents' gateways, consumers of its dead-letter queue), with a copy of its
 * credentials, a ResourceQuota, and a default-deny NetworkPolicy that lets pods talk to each other,
 * to cluster DNS and to the Environment's ingest, and to nothing else.
 */
final class TenantIsolation {
  /** Label on a tenant namespace naming the namespace of the Tenant it belongs to. */
  static final String TENANT_NAMESPACE = "stevedore.io/tenant-namespace";

  static final String NETWORK_POLICY = "stevedore-tenant-isolation";
  static final String QUOTA = "stevedore-tenant-quota";
  private static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private TenantIsolation() {}

  static boolean enabled(Environment environment) {
    return environment.getSpec().getTenantIsolation() != null;
  }

  /** The objects to have, the namespace first; the quota only when it limits something. */
  static List<HasMetadata> desired(
      Tenant tenant, Environment environment, TenantNames names, Secret credentials) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(namespace(tenant, names));
    objects.add(secretCopy(tenant, names, credentials));
    Map<String, Quantity> hard = quota(tenant, environment);
    if (!hard.isEmpty()) {
      objects.add(
          new ResourceQuotaBuilder()
              .withNewMetadata()
              .withName(QUOTA)
              .withNamespace(names.isolationNamespace())
              .withLabels(labels(tenant, names, "tenant-quota"))
              .endMetadata()
              .withNewSpec()
              .withHard(hard)
              .endSpec()
              .build());
    }
    objects.add(networkPolicy(tenant, environment, names));
    return objects;
  }

  /** The Environment's quota, overridden key by key by the tenant's plan. */
  static Map<String, Quantity> quota(Tenant tenant, Environment environment) {
    Map<String, Quantity> hard = new LinkedHashMap<>();
    var defaults = environment.getSpec().getTenantIsolation().getQuota();
    if (defaults != null) {
      hard.putAll(defaults);
    }
    var plan = tenant.getSpec().getPlan();
    if (plan != null && plan.getQuota() != null) {
      hard.putAll(plan.getQuota());
    }
    return hard;
  }

  private static Namespace namespace(Tenant tenant, TenantNames names) {
    var labels = labels(tenant, names, "tenant-namespace");
    labels.put(TENANT_NAMESPACE, names.namespace());
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(names.isolationNamespace())
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private static Secret secretCopy(Tenant tenant, TenantNames names, Secret credentials) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(names.secret())
        .withNamespace(names.isolationNamespace())
        .withLabels(labels(tenant, names, "tenant-credentials-copy"))
        .endMetadata()
        .withType("Opaque")
        .withData(credentials.getData())
        .build();
  }

  private static NetworkPolicy networkPolicy(
      Tenant tenant, Environment environment, TenantNames names) {
    String ingest = PlatformNames.ingest(environment.getMetadata().getName());
    var samePods = new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build();
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(NETWORK_POLICY)
        .withNamespace(names.isolationNamespace())
        .withLabels(labels(tenant, names, "tenant-network-policy"))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .addNewIngress()
        .withFrom(samePods)
        .endIngress()
        .withEgress(
            new NetworkPolicyEgressRuleBuilder().withTo(samePods).build(),
            new NetworkPolicyEgressRuleBuilder()
                .addNewTo()
                .withNewNamespaceSelector()
                .addToMatchLabels(NAME_LABEL, "kube-system")
                .endNamespaceSelector()
                .withNewPodSelector()
                .addToMatchLabels("k8s-app", "kube-dns")
                .endPodSelector()
                .endTo()
                .addNewPort()
                .withProtocol("UDP")
                .withPort(new IntOrString(53))
                .endPort()
                .addNewPort()
                .withProtocol("TCP")
                .withPort(new IntOrString(53))
                .endPort()
                .build(),
            new NetworkPolicyEgressRuleBuilder()
                .addNewTo()
                .withNewNamespaceSelector()
                .addToMatchLabels(NAME_LABEL, names.namespace())
                .endNamespaceSelector()
                .withNewPodSelector()
                .withMatchLabels(Labels.selector("ingest", ingest))
                .endPodSelector()
                .endTo()
                .addNewPort()
                .withProtocol("TCP")
                .withPort(new IntOrString(PlatformDeployment.HTTP_PORT))
                .endPort()
                .build())
        .endSpec()
        .build();
  }

  private static Map<String, String> labels(Tenant tenant, TenantNames names, String component) {
    var labels = Labels.of(component, names.tenant(), tenant.getSpec().getEnvironment());
    labels.put(Labels.TENANT, names.tenant());
    return labels;
  }
}
