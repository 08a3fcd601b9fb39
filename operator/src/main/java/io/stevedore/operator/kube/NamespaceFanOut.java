package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.stream.Collectors;

/**
 * An event source that reconciles every primary in a namespace whenever a resource of another kind
 * there changes: for relations an update event cannot tell apart (a tenant moved from one pool or
 * environment to another carries only its new spec).
 */
public final class NamespaceFanOut {
  private NamespaceFanOut() {}

  public static <S extends HasMetadata, P extends HasMetadata>
      InformerEventSource<S, P> eventSource(
          EventSourceContext<P> context, Class<S> watchedType, String name) {
    var configuration =
        InformerEventSourceConfiguration.from(watchedType, context.getPrimaryResourceClass())
            .withName(name)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                watched ->
                    context
                        .getPrimaryCache()
                        .list(watched.getMetadata().getNamespace())
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }
}
