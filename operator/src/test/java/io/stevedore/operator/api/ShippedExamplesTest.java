package io.stevedore.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.environment.EnvironmentValidation;
import io.stevedore.operator.kube.LabelSelectors;
import io.stevedore.operator.testing.ParsedExamples;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the examples in crds/examples say, as the operator's jar ships them. */
class ShippedExamplesTest {

  @Test
  void examplesAreARabbitAndAnSqsEnvironmentWithTheirPoolsTenantsAndSecrets() {
    assertThat(ParsedExamples.all())
        .hasSize(11)
        .noneMatch(GenericKubernetesResource.class::isInstance);
    assertThat(names(Environment.class)).containsExactly("staging", "staging-sqs");
    assertThat(names(WorkerPool.class)).containsExactly("standard", "premium", "sqs");
    assertThat(names(Tenant.class)).containsExactly("acme", "globex", "initech", "umbrella");
    assertThat(names(Secret.class)).containsExactly("staging-rabbitmq", "staging-mysql");
  }

  @Test
  void everyExampleIsInTheKustomizationNamespace() {
    assertThat(ShippedManifests.examplesNamespace()).isEqualTo("stevedore-staging");
    assertThat(ParsedExamples.all())
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("stevedore-staging"));
  }

  @Test
  void exampleSpecsAreParsedIntoTheirFields() {
    var environment = byName(Environment.class).get("staging");
    var onSqs = byName(Environment.class).get("staging-sqs").getSpec();
    var premium = pools().get("premium");
    var globex = tenants().get("globex");

    assertThat(environment.getSpec().getRelease().getVersion()).isEqualTo("1.4.2");
    assertThat(environment.getSpec().getBroker().getRabbitmq().getVhost()).isEqualTo("staging");
    assertThat(premium.getSpec().getScaling().getMaxReplicas()).isEqualTo(20);
    assertThat(premium.getSpec().getDrain().getMaxSeconds()).isEqualTo(120);
    assertThat(globex.getSpec().getRetentionDays()).isEqualTo(90);
    assertThat(onSqs.getBroker().getType()).isEqualTo(BrokerType.SQS);
    assertThat(onSqs.getBroker().getSqs().getRegion()).isEqualTo("eu-west-1");
    assertThat(onSqs.getIngest().getReplicas()).isEqualTo(1);
    assertThat(pools().get("sqs").getSpec().getScaling().getMinReplicas()).isEqualTo(1);
  }

  @Test
  void exampleEnvironmentIsValid() {
    assertThat(ParsedExamples.ofType(Environment.class))
        .allSatisfy(e -> assertThat(EnvironmentValidation.problems(e)).isEmpty());
  }

  @Test
  void exampleEnvironmentNamesTheExampleSecrets() {
    var environment = byName(Environment.class).get("staging").getSpec();
    Map<String, Secret> secrets =
        ParsedExamples.ofType(Secret.class).stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));

    var rabbit =
        secrets.get(environment.getBroker().getRabbitmq().getCredentialsSecretRef().getName());
    var mysql = secrets.get(environment.getStorage().getMysql().getConnectionSecretRef().getName());

    assertThat(rabbit.getStringData()).containsKeys("username", "password");
    assertThat(mysql.getStringData()).containsKeys("url", "username", "password");
  }

  @Test
  void everyTenantNamesAnExamplePoolOfItsEnvironmentThatSelectsIt() {
    Map<String, WorkerPool> pools = pools();

    assertThat(tenants().values())
        .allSatisfy(
            tenant -> {
              WorkerPool pool = pools.get(tenant.getSpec().getWorkerPool());
              assertThat(pool).as(tenant.getMetadata().getName()).isNotNull();
              assertThat(pool.getSpec().getEnvironment())
                  .isEqualTo(tenant.getSpec().getEnvironment());
              assertThat(
                      LabelSelectors.matches(
                          pool.getSpec().getTenantSelector(), tenant.getMetadata().getLabels()))
                  .as(tenant.getMetadata().getName())
                  .isTrue();
            });
  }

  @Test
  void noTenantIsSelectedByAPoolOtherThanItsOwn() {
    Map<String, WorkerPool> pools = pools();

    for (Tenant tenant : tenants().values()) {
      assertThat(pools.values())
          .filteredOn(
              p ->
                  LabelSelectors.matches(
                      p.getSpec().getTenantSelector(), tenant.getMetadata().getLabels()))
          .extracting(p -> p.getMetadata().getName())
          .containsExactly(tenant.getSpec().getWorkerPool());
    }
  }

  private static Map<String, WorkerPool> pools() {
    return byName(WorkerPool.class);
  }

  private static Map<String, Tenant> tenants() {
    return byName(Tenant.class);
  }

  private static <T extends HasMetadata> Map<String, T> byName(Class<T> type) {
    return ParsedExamples.ofType(type).stream()
        .collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
  }

  private static List<String> names(Class<? extends HasMetadata> type) {
    return ParsedExamples.ofType(type).stream().map(o -> o.getMetadata().getName()).toList();
  }
}
