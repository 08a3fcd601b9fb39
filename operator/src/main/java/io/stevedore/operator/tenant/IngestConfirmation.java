package io.stevedore.operator.tenant;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.platform.TenantDirectories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether every ingest pod of the Environment has stopped accepting data for an offboarded tenant
 * (pure): each pod must report serving a tenant directory generation at least the first one without
 * the tenant. A pod that is gone no longer counts, nor does one without an address yet (it cannot
 * have taken a request; every check lists the pods afresh, and a starting pod gets its address long
 * before it can serve); one that does not answer (starting, not ready, unreachable) keeps the
 * queues from being deleted, by name.
 *
 * @param required the first directory generation without the tenant; empty while ingest's directory
 *     still lists it
 * @param confirmed whether the tenant's queues may be deleted as far as ingest goes
 */
record IngestConfirmation(OptionalLong required, boolean confirmed, String message) {

  /**
   * One ingest pod as the operator saw it.
   *
   * @param gone the pod has ended (phase Succeeded or Failed): it accepts nothing any more
   * @param addressed whether it has a network address (a pod IP) at which it could take requests
   * @param ready its Ready condition
   * @param generation the directory generation it reports serving; empty when it did not answer
   */
  record IngestPod(
      String name, boolean gone, boolean addressed, boolean ready, OptionalLong generation) {}

  /**
   * The generation ingest pods must reach: the one recorded when the tenant was first seen gone
   * from ingest's directory, or the directory's own when none was (or when the directory restarted
   * below it, re-created by hand); empty while the directory still lists the tenant (or is
   * missing).
   */
  static OptionalLong firstGenerationWithout(
      Long recorded, Optional<TenantDirectory> directory, String namespace, String name) {
    if (directory.isEmpty() || TenantDirectories.lists(directory.get(), namespace, name)) {
      return OptionalLong.empty();
    }
    long written = directory.get().generation();
    return OptionalLong.of(recorded == null || recorded > written ? written : recorded);
  }

  static IngestConfirmation decide(OptionalLong required, List<IngestPod> pods) {
    if (required.isEmpty()) {
      return new IngestConfirmation(
          required, false, "waiting for ingest's tenant directory to drop the tenant");
    }
    long generation = required.getAsLong();
    List<String> waiting = new ArrayList<>();
    int serving = 0;
    int unaddressed = 0;
    for (IngestPod pod : pods) {
      if (pod.gone()) {
        continue;
      }
      if (!pod.addressed()) {
        unaddressed++;
        continue;
      }
      serving++;
      if (pod.generation().isEmpty()) {
        waiting.add(pod.name() + (pod.ready() ? " (did not answer)" : " (not ready)"));
      } else if (pod.generation().getAsLong() < generation) {
        waiting.add(pod.name() + " (serves generation " + pod.generation().getAsLong() + ")");
      }
    }
    if (waiting.isEmpty()) {
      return new IngestConfirmation(
          required,
          true,
          serving
              + " ingest pods serve tenant directory generation "
              + generation
              + " or later"
              + (unaddressed > 0 ? "; " + unaddressed + " without an address yet" : ""));
    }
    return new IngestConfirmation(
        required,
        false,
        "waiting for ingest pods to serve tenant directory generation "
            + generation
            + " (the first without the tenant): "
            + String.join(", ", waiting));
  }
}
