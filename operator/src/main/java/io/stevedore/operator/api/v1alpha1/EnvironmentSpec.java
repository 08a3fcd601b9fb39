package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What an Environment should run. */
public class EnvironmentSpec {

  /** The platform release that runs in this environment. */
  @Required private Release release;

  /** The ingest tier: how many HTTP ingest pods, and their resources. */
  private IngestSpec ingest = new IngestSpec();

  /** The message broker that carries each tenant's queue: RabbitMQ or SQS. */
  @Required private BrokerSpec broker;

  /** Where records (DynamoDB) and configuration and processing logs (MySQL) are stored. */
  @Required private StorageSpec storage;

  /**
   * Optional per-tenant isolation: when set, every Tenant gets a namespace of its own with a
   * ResourceQuota and a default-deny NetworkPolicy (see TenantIsolationSpec).
   */
  private TenantIsolationSpec tenantIsolation;

  /**
   * The ServiceAccount the ingest and worker pods run as, in the Environment's namespace: the
   * identity a cloud grants store and queue access to (EKS IRSA: annotate it with
   * `eks.amazonaws.com/role-arn`). The operator does not create it; pods are not created until it
   * exists. Unset: the namespace's `default` account. Either way no API token is mounted.
   */
  @Pattern(Dns1123.SUBDOMAIN)
  private String serviceAccountName;

  /** Who besides the operator may reach the platform pods' actuator port (metrics scrapers). */
  private MonitoringSpec monitoring;

  /**
   * How Promotions change this environment's release: source environment, soak time, health gates,
   * approval and verification. Without it, a Promotion of any release is verified for the default
   * window against the environment's readiness only.
   */
  private PromotionPolicy promotion;

  /** Rules and agent configuration every Tenant of this Environment inherits and may override. */
  private TenantDefaults tenantDefaults;

  public Release getRelease() {
    return release;
  }

  public void setRelease(Release release) {
    this.release = release;
  }

  public IngestSpec getIngest() {
    return ingest;
  }

  public void setIngest(IngestSpec ingest) {
    this.ingest = ingest;
  }

  public BrokerSpec getBroker() {
    return broker;
  }

  public void setBroker(BrokerSpec broker) {
    this.broker = broker;
  }

  public StorageSpec getStorage() {
    return storage;
  }

  public void setStorage(StorageSpec storage) {
    this.storage = storage;
  }

  public TenantIsolationSpec getTenantIsolation() {
    return tenantIsolation;
  }

  public void setTenantIsolation(TenantIsolationSpec tenantIsolation) {
    this.tenantIsolation = tenantIsolation;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }

  public PromotionPolicy getPromotion() {
    return promotion;
  }

  public void setPromotion(PromotionPolicy promotion) {
    this.promotion = promotion;
  }

  public TenantDefaults getTenantDefaults() {
    return tenantDefaults;
  }

  public void setTenantDefaults(TenantDefaults tenantDefaults) {
    this.tenantDefaults = tenantDefaults;
  }
}
