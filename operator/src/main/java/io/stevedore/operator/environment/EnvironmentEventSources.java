package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.kube.Informers;
import io.stevedore.operator.kube.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Environment controller's informers beyond its children: the worker Deployments of its pools
 * (a release runs everywhere only once they run it), its Promotions (its release history), and the
 * other Environments of its namespace (a loop in their `promotion.from` chain).
 */
final class EnvironmentEventSources {
  static final String WORKER_DEPLOYMENTS = "worker-deployments";
  static final String PROMOTIONS = "promotions";
  static final String ENVIRONMENTS = "environments";

  private EnvironmentEventSources() {}

  static InformerEventSource<Deployment, Environment> workerDeployments(
      EventSourceContext<Environment> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Deployment.class, Environment.class)
            .withName(WORKER_DEPLOYMENTS)
            .withNamespacesInheritedFromController()
            .withLabelSelector(Labels.COMPONENT + "=worker," + Labels.ENVIRONMENT)
            .withSecondaryToPrimaryMapper(
                d -> toEnvironment(d, d.getMetadata().getLabels().get(Labels.ENVIRONMENT)))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  static InformerEventSource<Promotion, Environment> promotions(
      EventSourceContext<Environment> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Promotion.class, Environment.class)
            .withName(PROMOTIONS)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                p -> toEnvironment(p, p.getSpec() == null ? null : p.getSpec().getEnvironment()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** Every Environment of the namespace, on a spec change of any (its `promotion.from` links). */
  static InformerEventSource<Environment, Environment> environments(
      EventSourceContext<Environment> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Environment.class, Environment.class)
            .withName(ENVIRONMENTS)
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter(
                (before, after) ->
                    !Objects.equals(
                        before.getMetadata().getGeneration(), after.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(
                changed ->
                    context
                        .getPrimaryCache()
                        .list(changed.getMetadata().getNamespace())
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** The worker Deployments of the Environment's pools. */
  static List<Deployment> workerDeployments(Environment environment, Context<Environment> context) {
    return Informers.list(
            context, Deployment.class, WORKER_DEPLOYMENTS, environment.getMetadata().getNamespace())
        .filter(
            d ->
                environment
                    .getMetadata()
                    .getName()
                    .equals(d.getMetadata().getLabels().get(Labels.ENVIRONMENT)))
        .toList();
  }

  /** The Environment's Promotions by name. */
  static Map<String, Promotion> promotions(Environment environment, Context<Environment> context) {
    return Informers.list(
            context, Promotion.class, PROMOTIONS, environment.getMetadata().getNamespace())
        .filter(p -> environment.getMetadata().getName().equals(p.getSpec().getEnvironment()))
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity()));
  }

  /** Each Environment of the namespace's `promotion.from`, by name (null where it names none). */
  static Map<String, String> promotionSources(
      Environment environment, Context<Environment> context) {
    return context
        .getPrimaryCache()
        .list(environment.getMetadata().getNamespace())
        .collect(
            HashMap::new,
            (map, e) ->
                map.put(
                    e.getMetadata().getName(),
                    e.getSpec() == null || e.getSpec().getPromotion() == null
                        ? null
                        : e.getSpec().getPromotion().getFrom()),
            Map::putAll);
  }

  private static Set<ResourceID> toEnvironment(HasMetadata resource, String environment) {
    return environment == null
        ? Set.of()
        : Set.of(new ResourceID(environment, resource.getMetadata().getNamespace()));
  }
}
