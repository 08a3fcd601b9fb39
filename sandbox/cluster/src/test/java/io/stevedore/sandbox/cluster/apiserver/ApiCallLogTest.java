package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded API records the calls each client made, told apart by its User-Agent. */
class ApiCallLogTest {

  @Test
  void callsAreRecordedForTheClientThatMadeThem() {
    try (var kubernetes = EmbeddedKubernetes.start(0, List.of());
        var recorded = kubernetes.newClient("recorded-client/1")) {
      kubernetes.createNamespace("prod");
      var map =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName("c")
              .withNamespace("prod")
              .endMetadata()
              .build();
      recorded.resource(map).create();
      recorded.configMaps().inNamespace("prod").withName("c").get();
      recorded.configMaps().inAnyNamespace().list();
      try (var watch = recorded.configMaps().inNamespace("prod").watch(new Ignoring())) {
        recorded.configMaps().inNamespace("prod").withName("c").delete();
      }

      assertThat(kubernetes.calls().servedTo("recorded-client/1"))
          .containsExactlyInAnyOrder(
              new ApiCall("create", "", "configmaps", "prod"),
              new ApiCall("get", "", "configmaps", "prod"),
              new ApiCall("list", "", "configmaps", null),
              new ApiCall("watch", "", "configmaps", "prod"),
              new ApiCall("delete", "", "configmaps", "prod"));
      assertThat(kubernetes.calls().servedTo("another-client")).isEmpty();
    }
  }

  private static final class Ignoring implements Watcher<ConfigMap> {
    @Override
    public void eventReceived(Action action, ConfigMap resource) {}

    @Override
    public void onClose(WatcherException cause) {}
  }
}
