package io.stevedore.operator.workerpool;

import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.LabelSelectors;
import io.stevedore.operator.kube.ResourceLimits;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.scaling.Pause;
import java.util.ArrayList;
import java.util.List;

/** What the CRD schema cannot check about a WorkerPool (or what a cluster without CEL lets in). */
final class WorkerPoolValidation {
  private WorkerPoolValidation() {}

  static List<String> problems(WorkerPool pool) {
    List<String> problems = new ArrayList<>();
    if (pool.getMetadata().getName().length() > PlatformNames.MAX_WORKER_POOL_NAME) {
      problems.add(
          "metadata.name: at most "
              + PlatformNames.MAX_WORKER_POOL_NAME
              + " characters, so that the worker Deployment name fits 63");
    }
    var spec = pool.getSpec();
    problems.addAll(ScalingValidation.problems(spec.getScaling()));
    Pause.of(pool.getMetadata().getAnnotations()).problem().ifPresent(problems::add);
    problems.addAll(LabelSelectors.problems("spec.tenantSelector", spec.getTenantSelector()));
    problems.addAll(ResourceLimits.problems("spec.resources", spec.getResources()));
    return problems;
  }
}
