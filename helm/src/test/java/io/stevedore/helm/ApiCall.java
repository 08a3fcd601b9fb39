package io.stevedore.helm;

/**
 * One request the operator sent, as RBAC authorizes it: verb, API group ("" for core), resource
 * with its subresource ("deployments/scale"), and namespace, null for a cluster-scoped request.
 */
record ApiCall(String verb, String group, String resource, String namespace) {
  @Override
  public String toString() {
    return describe(verb, group, resource, namespace);
  }

  /** "list core/secrets in team-a", "watch apps/deployments cluster-wide". */
  static String describe(String verb, String group, String resource, String namespace) {
    return verb
        + " "
        + (group.isEmpty() ? "core" : group)
        + "/"
        + resource
        + (namespace == null ? " cluster-wide" : " in " + namespace);
  }
}
