package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import io.stevedore.operator.kube.OwnerReferences;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The objects of one tenant directory (a manifest and its shards, see {@link
 * ShardedTenantDirectory}) as one bulk dependent: it creates and updates the ones the directory
 * needs and deletes the shards it owns that it no longer needs; an object of the same name that it
 * does not own is a {@link NameConflictException}, never adopted.
 *
 * @param <R> Secret or ConfigMap
 */
public abstract class TenantDirectoryDependentResource<R extends HasMetadata, P extends HasMetadata>
    extends KubernetesDependentResource<R, P>
    implements CRUDKubernetesBulkDependentResource<R, P>, GarbageCollected<P> {

  /** Key of the most bytes per object in the workflow's context (the reconciler puts it there). */
  public static final String MAX_OBJECT_BYTES = "tenant-directory-max-object-bytes";

  /** What the operator uses when nothing is configured: well under 1 MiB even as base64. */
  public static final int DEFAULT_MAX_OBJECT_BYTES = 512 * 1024;

  protected TenantDirectoryDependentResource(Class<R> type) {
    super(type);
  }

  /** The manifest object's name. */
  protected abstract String manifestObject(P primary);

  /** The directory's content now. */
  protected abstract TenantDirectory directory(P primary, Context<P> context);

  /** The object {@code name} holding {@code files}, with its labels. */
  public abstract R object(P primary, String name, Map<String, String> files);

  /** The files an object of this kind holds. */
  public abstract Map<String, String> files(R object);

  @Override
  public Map<ResourceID, R> desiredResources(P primary, Context<P> context) {
    String manifest = manifestObject(primary);
    String namespace = primary.getMetadata().getNamespace();
    var desired =
        desired(
            primary,
            directory(primary, context),
            ShardedTenantDirectory.manifest(
                written(new ResourceID(manifest, namespace)).map(this::files).orElse(null)),
            maxObjectBytes(context));
    for (var id : desired.keySet()) {
      written(id)
          .filter(existing -> !ownedBy(existing, primary))
          .ifPresent(
              existing -> {
                throw new NameConflictException(
                    existing.getKind() + " " + namespace + "/" + id.getName(), owner(existing));
              });
    }
    return desired;
  }

  /**
   * The objects that hold {@code directory}, the manifest first (pure).
   *
   * @param previous the manifest as last written, whose generation and shard count these follow
   */
  public Map<ResourceID, R> desired(
      P primary,
      TenantDirectory directory,
      Optional<TenantDirectoryManifest> previous,
      int maxObjectBytes) {
    String namespace = primary.getMetadata().getNamespace();
    Map<ResourceID, R> desired = new LinkedHashMap<>();
    ShardedTenantDirectory.layout(manifestObject(primary), directory, previous, maxObjectBytes)
        .forEach(
            (name, files) ->
                desired.put(new ResourceID(name, namespace), object(primary, name, files)));
    return desired;
  }

  /**
   * Only the objects this primary controls: what it did not create it neither changes nor deletes.
   */
  @Override
  public Map<ResourceID, R> getSecondaryResources(P primary, Context<P> context) {
    return eventSource().orElseThrow().getSecondaryResources(primary).stream()
        .filter(object -> ownedBy(object, primary))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, P primary) {
    desired.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(primary)));
  }

  private Optional<R> written(ResourceID id) {
    return eventSource().flatMap(source -> source.get(id));
  }

  private static int maxObjectBytes(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(MAX_OBJECT_BYTES, Integer.class)
        .orElse(DEFAULT_MAX_OBJECT_BYTES);
  }

  private static boolean ownedBy(HasMetadata object, HasMetadata primary) {
    var references = object.getMetadata().getOwnerReferences();
    return references != null
        && references.stream()
            .anyMatch(r -> Objects.equals(r.getUid(), primary.getMetadata().getUid()));
  }

  private static String owner(HasMetadata object) {
    var references = object.getMetadata().getOwnerReferences();
    return references == null || references.isEmpty()
        ? "no owner"
        : "owned by " + references.get(0).getKind() + " " + references.get(0).getName();
  }
}
