package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock server's CRUD store, also writing every change to a {@link WatchJournal}. Deletions get
 * a resource version of their own, as on a real API server, so a watcher can tell when it saw one.
 */
final class JournalingCrudDispatcher extends KubernetesCrudDispatcher {
  private final WatchJournal journal;
  private final AtomicLong crdChanges = new AtomicLong();

  JournalingCrudDispatcher(WatchJournal journal) {
    this.journal = journal;
  }

  /** How many times a CustomResourceDefinition was created, changed or deleted. */
  long crdChanges() {
    return crdChanges.get();
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    // Called by the mock's handlers with its write lock held: the journal sees changes in order.
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (Objects.equals(existing, newState)) {
      return;
    }
    if (path.contains("/customresourcedefinitions")) {
      crdChanges.incrementAndGet();
    }
    JsonNode before = existing == null ? null : Json.parse(existing);
    if (newState == null) {
      long deletedAt = requestResourceVersion();
      ((ObjectNode) before.path("metadata")).put("resourceVersion", String.valueOf(deletedAt));
      journal.record(new WatchJournal.Change(deletedAt, before, null));
    } else {
      JsonNode after = Json.parse(newState);
      long version =
          after.path("metadata").path("resourceVersion").asLong(requestResourceVersion());
      journal.record(new WatchJournal.Change(version, before, after));
    }
  }
}
