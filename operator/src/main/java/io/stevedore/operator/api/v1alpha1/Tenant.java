package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A customer of the platform: its queue, its credentials, its plan and its data retention. */
@Group(Environment.GROUP)
@Version(Environment.VERSION)
@ShortNames("tn")
@AdditionalPrinterColumn(name = "Environment", jsonPath = ".spec.environment")
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".spec.workerPool")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Suspended",
    jsonPath = ".spec.suspended",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Queue", jsonPath = ".status.queue", priority = 1)
@AdditionalPrinterColumn(name = "Offboarding", jsonPath = ".status.offboarding", priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> implements Namespaced {}
