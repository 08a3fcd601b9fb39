package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.stream.Stream;

/**
 * Reads a controller's named informer caches, for relations JOSDK's secondary lookup cannot map.
 */
public final class Informers {
  private Informers() {}

  /** Everything the informer {@code name} of resources {@code type} holds in {@code namespace}. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata, P extends HasMetadata> Stream<R> list(
      Context<P> context, Class<R> type, String name, String namespace) {
    var source =
        (InformerEventSource<R, P>) context.eventSourceRetriever().getEventSourceFor(type, name);
    return source.list(namespace);
  }
}
