package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of a tenant's own namespace where its Environment isolates tenants (pure),
 * Capsule-style: for the tenant's workloads (its agents' gateways, consumers of its dead-letter
 * queue), with a copy of its credentials, a ResourceQuota, and a default-deny NetworkPolicy that
 * lets pods talk to each other, to cluster DNS and to the Environment's ingest, and to nothing
 * else.
 */
final class TenantIsolation {
  /** Label on a tenant namespace naming the namespace of the Tenant it belongs to. */
  static final String TENANT_NAMESPACE = "stevedore.io/tenant-namespace";

  static final String NETWORK_POLICY = "stevedore-tenant-isolation";
  static final String QUOTA = "stevedore-tenant-quota";

  /** The component label of each kind of isolation object (what each informer selects). */
  static final String NAMESPACE_COMPONENT = "tenant-namespace";

  static final String SECRET_COMPONENT = "tenant-credentials-copy";
  static final String QUOTA_COMPONENT = "tenant-quota";
  static final String NETWORK_POLICY_COMPONENT = "tenant-network-policy";
  private static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private TenantIsolation() {}

  static boolean enabled(Environment environment) {
    return environment.getSpec().getTenantIsolation() != null;
  }

  /** The tenant's ResourceQuota; none when neither the Environment nor the plan limits anything. */
  static Optional<ResourceQuota> quotaObject(
      Tenant tenant, Environment environment, TenantNames names) {
    Map<String, Quantity> hard = quota(tenant, environment);
    if (hard.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName(QUOTA)
            .withNamespace(names.isolationNamespace())
            .withLabels(labels(tenant, names, QUOTA_COMPONENT))
            .endMetadata()
            .withNewSpec()
            .withHard(hard)
            .endSpec()
            .build());
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

  static Namespace namespace(Tenant tenant, TenantNames names) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(names.isolationNamespace())
        .withLabels(labels(tenant, names, NAMESPACE_COMPONENT))
        .endMetadata()
        .build();
  }

  static Secret secretCopy(Tenant tenant, TenantNames names, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(names.secret())
        .withNamespace(names.isolationNamespace())
        .withLabels(labels(tenant, names, SECRET_COMPONENT))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  static NetworkPolicy networkPolicy(Tenant tenant, Environment environment, TenantNames names) {
    String ingest = PlatformNames.ingest(environment.getMetadata().getName());
    var samePods = new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build();
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(NETWORK_POLICY)
        .withNamespace(names.isolationNamespace())
        .withLabels(labels(tenant, names, NETWORK_POLICY_COMPONENT))
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
    labels.put(TENANT_NAMESPACE, names.namespace());
    if (tenant.getMetadata().getUid() != null) {
      labels.put(Labels.TENANT_UID, tenant.getMetadata().getUid());
    }
    return labels;
  }
}
