package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.operator.testing.WrittenDirectories;
import java.util.function.UnaryOperator;

/** What the Tenant integration tests read and change, in one place. */
final class TenantTesting {
  private final OperatorHarness harness;

  TenantTesting(OperatorHarness harness) {
    this.harness = harness;
  }

  Tenant get(String ns, String name) {
    return harness.client().resources(Tenant.class).inNamespace(ns).withName(name).get();
  }

  /** Edits the Tenant, again on a conflict (the operator writes it too: finalizer, status). */
  Tenant edit(String ns, String name, UnaryOperator<Tenant> change) {
    var edited = new java.util.concurrent.atomic.AtomicReference<Tenant>();
    OperatorHarness.eventually()
        .until(
            () -> {
              edited.set(
                  harness
                      .client()
                      .resources(Tenant.class)
                      .inNamespace(ns)
                      .withName(name)
                      .edit(change));
              return true;
            });
    return edited.get();
  }

  Condition condition(String ns, String name, String type) {
    return Conditions.find(get(ns, name).getStatus().getConditions(), type).orElseThrow();
  }

  TenantCredentials credentials(String ns, String name) {
    return TenantCredentials.read(
            harness.client().secrets().inNamespace(ns).withName("tenant-" + name).get())
        .orElseThrow();
  }

  /** Ingest's tenant directory of Environment {@code environment}. */
  TenantDirectory ingestDirectory(String ns, String environment) {
    return WrittenDirectories.ingest(harness.client(), ns, environment);
  }

  /** All its files, as ingest reads them. */
  String ingestDirectoryJson(String ns, String environment) {
    return WrittenDirectories.ingestFiles(harness.client(), ns, environment);
  }

  /** The tenant directory of WorkerPool {@code pool}. */
  TenantDirectory workerDirectory(String ns, String pool) {
    return WrittenDirectories.workers(harness.client(), ns, pool);
  }

  /** Sets an annotation on the Tenant (which also makes the operator look at it again). */
  void annotate(String ns, String name, String key, String value) {
    edit(
        ns,
        name,
        t -> {
          t.getMetadata().getAnnotations().put(key, value);
          return t;
        });
  }
}
