package io.stevedore.operator.kube;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels Stevedore puts on what it creates, following Kubernetes' recommended labels. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String ENVIRONMENT = "stevedore.io/environment";
  public static final String TENANT = "stevedore.io/tenant";

  /** The UID of the Tenant an object was made for: what proves whose it is, not its name. */
  public static final String TENANT_UID = "stevedore.io/tenant-uid";

  public static final String WORKER_POOL = "stevedore.io/worker-pool";

  private Labels() {}

  /** Labels that select the pods of one component instance; they never change after creation. */
  public static Map<String, String> selector(String component, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "stevedore-platform");
    labels.put(INSTANCE, instance);
    labels.put(COMPONENT, component);
    return labels;
  }

  /** Selector labels plus the descriptive ones. */
  public static Map<String, String> of(String component, String instance, String environment) {
    Map<String, String> labels = selector(component, instance);
    labels.put(PART_OF, "stevedore");
    labels.put(MANAGED_BY, "stevedore-operator");
    labels.put(ENVIRONMENT, environment);
    return labels;
  }
}
