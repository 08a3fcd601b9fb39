package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A request to run a release in an Environment: the operator checks the environment's promotion
 * gates, rolls the release out, verifies it and rolls back by itself when verification fails. CI
 * creates one per promotion and waits with `kubectl wait --for=condition=Succeeded`.
 */
@Group(Environment.GROUP)
@Version(Environment.VERSION)
@ShortNames("promo")
@AdditionalPrinterColumn(name = "Environment", jsonPath = ".spec.environment")
@AdditionalPrinterColumn(name = "Release", jsonPath = ".status.release.version")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Succeeded\")].reason")
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Succeeded\")].message",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Promotion extends CustomResource<PromotionSpec, PromotionStatus>
    implements Namespaced {

  /** Who asked for the promotion (a person or a CI job); shown in the Environment's history. */
  public static final String PROMOTED_BY_ANNOTATION = "stevedore.io/promoted-by";

  /** Set by a person or CI job to approve a promotion whose Environment requires approval. */
  public static final String APPROVED_BY_ANNOTATION = "stevedore.io/approved-by";
}
