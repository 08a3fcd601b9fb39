package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A stage of the platform (dev, staging, prod): the release that runs there, its ingest tier, its
 * broker and its storage.
 */
@Group(Environment.GROUP)
@Version(Environment.VERSION)
@ShortNames("senv")
@AdditionalPrinterColumn(name = "Release", jsonPath = ".spec.release.version")
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.release")
@AdditionalPrinterColumn(
    name = "Last-Good",
    jsonPath = ".status.lastGoodRelease.version",
    priority = 1)
@AdditionalPrinterColumn(name = "Broker", jsonPath = ".spec.broker.type")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Environment extends CustomResource<EnvironmentSpec, EnvironmentStatus>
    implements Namespaced {
  public static final String GROUP = "stevedore.io";
  public static final String VERSION = "v1alpha1";
}
