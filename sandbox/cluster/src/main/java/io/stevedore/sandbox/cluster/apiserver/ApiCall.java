package io.stevedore.sandbox.cluster.apiserver;

import java.util.Optional;

/**
 * One request as Kubernetes RBAC authorizes it: the verb (get, list, watch, create, update, patch,
 * delete, deletecollection), the API group ("" for core), the resource with its subresource if any
 * ("deployments/scale"), and the namespace, null for a cluster-scoped request (a cluster-scoped
 * kind, or a namespaced kind across all namespaces).
 */
public record ApiCall(String verb, String group, String resource, String namespace) {

  /** The call a request makes; empty for non-resource paths (discovery, OpenAPI, /version). */
  static Optional<ApiCall> of(ApiRequest request) {
    return request
        .resourcePath()
        .map(
            path ->
                new ApiCall(
                    verb(request, path),
                    path.group(),
                    path.subresource() == null
                        ? path.plural()
                        : path.plural() + "/" + path.subresource(),
                    path.namespace()));
  }

  private static String verb(ApiRequest request, ApiPath path) {
    return switch (request.method()) {
      case "GET" -> request.isWatch() ? "watch" : path.isList() ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> path.isList() ? "deletecollection" : "delete";
      // HEAD and OPTIONS authorize as get, as the API server's request-info resolver does.
      default -> path.isList() ? "list" : "get";
    };
  }
}
