package io.stevedore.operator.api.v1alpha1;

/** Kubernetes name patterns, shared by the schema annotations and the operator's own checks. */
public final class Dns1123 {
  /** A DNS-1123 label: what Service names and most references must be. */
  public static final String LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /** A DNS-1123 subdomain: what ConfigMap and Secret names must be. */
  public static final String SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A label value: what a release version must be, since it labels the pods. */
  public static final String LABEL_VALUE = "^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$";

  private Dns1123() {}
}
