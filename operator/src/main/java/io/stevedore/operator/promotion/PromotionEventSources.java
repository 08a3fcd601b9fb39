package io.stevedore.operator.promotion;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.kube.Informers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Promotion controller's informers: the namespace's Environments (targets and sources: any of
 * them changing may move an unfinished promotion on) and the Promotions themselves (one finishing
 * lets the next of its environment start). Finished promotions are never woken.
 */
final class PromotionEventSources {
  static final String ENVIRONMENTS = "environments";
  static final String PROMOTIONS = "promotions";

  private PromotionEventSources() {}

  static InformerEventSource<Environment, Promotion> environments(
      EventSourceContext<Promotion> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Environment.class, Promotion.class)
            .withName(ENVIRONMENTS)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(e -> unfinished(context, e, p -> true))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  static InformerEventSource<Promotion, Promotion> promotions(
      EventSourceContext<Promotion> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Promotion.class, Promotion.class)
            .withName(PROMOTIONS)
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter((before, after) -> !Objects.equals(phase(before), phase(after)))
            .withSecondaryToPrimaryMapper(
                changed ->
                    unfinished(
                        context,
                        changed,
                        p ->
                            changed.getSpec() != null
                                && Objects.equals(
                                    p.getSpec().getEnvironment(),
                                    changed.getSpec().getEnvironment())
                                && !p.getMetadata()
                                    .getName()
                                    .equals(changed.getMetadata().getName())))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** The namespace's Environments by name, as the informer knows them. */
  static Map<String, Environment> environments(Promotion promotion, Context<Promotion> context) {
    return Informers.list(
            context, Environment.class, ENVIRONMENTS, promotion.getMetadata().getNamespace())
        .collect(Collectors.toMap(e -> e.getMetadata().getName(), Function.identity()));
  }

  /** The namespace's Promotions, with {@code promotion} as the reconciler has it now. */
  static List<Promotion> promotions(Promotion promotion, Context<Promotion> context) {
    String name = promotion.getMetadata().getName();
    return Stream.concat(
            Stream.of(promotion),
            Informers.list(
                    context, Promotion.class, PROMOTIONS, promotion.getMetadata().getNamespace())
                .filter(p -> !p.getMetadata().getName().equals(name)))
        .toList();
  }

  private static Set<ResourceID> unfinished(
      EventSourceContext<Promotion> context, HasMetadata changed, Predicate<Promotion> related) {
    return context
        .getPrimaryCache()
        .list(changed.getMetadata().getNamespace())
        .filter(p -> p.getSpec() != null && !PromotionQueue.isFinal(p))
        .filter(related)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Object phase(Promotion promotion) {
    return promotion.getStatus() == null ? null : promotion.getStatus().getPhase();
  }
}
