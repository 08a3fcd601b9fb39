package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "GET | /api/v1/namespaces/prod/secrets/app | get | '' | secrets | prod",
        "GET | /api/v1/namespaces/prod/secrets | list | '' | secrets | prod",
        "GET | /api/v1/secrets?labelSelector=a%3Db | list | '' | secrets | -",
        "GET | /api/v1/secrets?watch=true&resourceVersion=7 | watch | '' | secrets | -",
        "GET | /api/v1/namespaces/prod/pods?fieldSelector=metadata.name%3Dp&watch=1 | watch | '' | pods | prod",
        "POST | /apis/apps/v1/namespaces/prod/deployments | create | apps | deployments | prod",
        "PUT | /apis/apps/v1/namespaces/prod/deployments/w/scale | update | apps | deployments/scale | prod",
        "PATCH | /apis/stevedore.io/v1alpha1/namespaces/s/tenants/acme/status | patch | stevedore.io | tenants/status | s",
        "DELETE | /api/v1/namespaces/prod/configmaps/c | delete | '' | configmaps | prod",
        "DELETE | /api/v1/namespaces/prod/configmaps?labelSelector=x | deletecollection | '' | configmaps | prod",
        "GET | /api/v1/namespaces/prod-acme | get | '' | namespaces | -",
        "PUT | /api/v1/namespaces/prod-acme/finalize | update | '' | namespaces/finalize | -",
        "POST | /apis/authorization.k8s.io/v1/selfsubjectrulesreviews | create | authorization.k8s.io | selfsubjectrulesreviews | -",
      })
  void requestsAuthorizeAsKubernetesRbacNamesThem(
      String method, String target, String verb, String group, String resource, String namespace) {
    assertThat(ApiCall.of(ApiRequest.of(request(method, target))))
        .contains(new ApiCall(verb, group, resource, namespace));
  }

  @Test
  void discoveryAndVersionAreNoResourceCalls() {
    assertThat(ApiCall.of(ApiRequest.of(request("GET", "/apis")))).isEmpty();
    assertThat(ApiCall.of(ApiRequest.of(request("GET", "/apis/apps/v1")))).isEmpty();
    assertThat(ApiCall.of(ApiRequest.of(request("GET", "/version")))).isEmpty();
  }

  private static RecordedRequest request(String method, String target) {
    return new RecordedRequest(
        "HTTP/1.1",
        HttpMethod.valueOf(method),
        target,
        Headers.builder().build(),
        new Buffer(new byte[0]));
  }
}
