package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaLimitsTest {
  private final PodSpec pod =
      new PodSpecBuilder()
          .addNewContainer()
          .withName("runtime")
          .withNewResources()
          .addToRequests("cpu", new Quantity("500m"))
          .addToLimits("memory", new Quantity("1Gi"))
          .endResources()
          .endContainer()
          .build();

  @Test
  void theTightestQuotaAndResourceWin() {
    var quotas =
        List.of(
            quota("pods", Map.of("pods", "10"), Map.of("pods", "4")),
            quota(
                "compute",
                Map.of("requests.cpu", "4", "limits.memory", "8Gi"),
                Map.of("requests.cpu", "2500m")));

    var headroom = QuotaLimits.headroom(quotas, pod);

    // 1.5 CPU left at 0.5 each: 3 pods; 6 pods by count; 8 by memory.
    assertThat(headroom).contains(new QuotaHeadroom(3, "compute", "requests.cpu"));
  }

  @Test
  void aContainerWithoutARequestCountsItsLimitAndBareNamesAreRequests() {
    var quotas = List.of(quota("memory", Map.of("memory", "3Gi"), Map.of()));

    assertThat(QuotaLimits.headroom(quotas, pod))
        .contains(new QuotaHeadroom(3, "memory", "memory"));
  }

  @Test
  void usedUpQuotaAdmitsNothingAndUnrelatedOrScopedQuotasNothingLess() {
    var full = quota("full", Map.of("count/pods", "2"), Map.of("count/pods", "2"));
    var services = quota("services", Map.of("services", "1"), Map.of("services", "1"));
    var scoped =
        new ResourceQuotaBuilder(quota("scoped", Map.of("pods", "0"), Map.of()))
            .editSpec()
            .withScopes("BestEffort")
            .endSpec()
            .build();

    assertThat(QuotaLimits.headroom(List.of(full), pod))
        .contains(new QuotaHeadroom(0, "full", "count/pods"));
    assertThat(QuotaLimits.headroom(List.of(services, scoped), pod)).isEmpty();
  }

  @Test
  void aQuotaWhoseScopesCoverThePodLimitsIt() {
    var notBestEffort =
        new ResourceQuotaBuilder(quota("burstable", Map.of("pods", "5"), Map.of("pods", "4")))
            .editSpec()
            .withScopes("NotBestEffort", "NotTerminating")
            .endSpec()
            .build();

    assertThat(QuotaLimits.headroom(List.of(notBestEffort), pod))
        .contains(new QuotaHeadroom(1, "burstable", "pods"));
  }

  private static ResourceQuota quota(
      String name, Map<String, String> hard, Map<String, String> used) {
    var builder =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .endSpec();
    hard.forEach((k, v) -> builder.editSpec().addToHard(k, new Quantity(v)).endSpec());
    var quota = builder.build();
    var status = new io.fabric8.kubernetes.api.model.ResourceQuotaStatus();
    used.forEach((k, v) -> status.getUsed().put(k, new Quantity(v)));
    quota.setStatus(status);
    return quota;
  }
}
