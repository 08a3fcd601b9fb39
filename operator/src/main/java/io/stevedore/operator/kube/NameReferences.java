package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Event sources for resources that a primary names in its spec (same namespace): the primary is
 * reconciled again whenever the named resource appears, goes, or changes its spec, labels or
 * annotations (not its status: no primary of these sources reads it).
 */
public final class NameReferences {
  private NameReferences() {}

  public static <S extends HasMetadata, P extends HasMetadata>
      InformerEventSource<S, P> eventSource(
          EventSourceContext<P> context,
          Class<S> referencedType,
          Function<P, String> referenceName) {
    String index = "reference-to-" + referencedType.getSimpleName();
    context
        .getPrimaryCache()
        .addIndexer(
            index,
            primary -> {
              String name = referenceName.apply(primary);
              return name == null
                  ? List.of()
                  : List.of(key(primary.getMetadata().getNamespace(), name));
            });
    InformerEventSourceConfiguration<S> configuration =
        InformerEventSourceConfiguration.from(referencedType, context.getPrimaryResourceClass())
            .withName(index)
            .withNamespacesInheritedFromController()
            // A referenced object's status writes would reconcile every primary that names it.
            .withOnUpdateFilter(Changes::specOrMetadata)
            .withSecondaryToPrimaryMapper(
                referenced ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            index,
                            key(
                                referenced.getMetadata().getNamespace(),
                                referenced.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper(
                (P primary) -> {
                  String name = referenceName.apply(primary);
                  return name == null
                      ? Set.of()
                      : Set.of(new ResourceID(name, primary.getMetadata().getNamespace()));
                })
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
