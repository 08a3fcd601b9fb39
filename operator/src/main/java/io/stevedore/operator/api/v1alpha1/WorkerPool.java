package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A set of worker pods that process the queues of the tenants it selects. */
@Group(Environment.GROUP)
@Version(Environment.VERSION)
@ShortNames("wp")
@AdditionalPrinterColumn(name = "Environment", jsonPath = ".spec.environment")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas")
@AdditionalPrinterColumn(
    name = "Desired",
    jsonPath = ".status.scaling.desiredReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Backlog",
    jsonPath = ".status.scaling.backlog",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Tenants", jsonPath = ".status.tenantCount")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(name = "Rule", jsonPath = ".status.scaling.rule", priority = 1)
@AdditionalPrinterColumn(
    name = "CappedTenants",
    jsonPath = ".status.scaling.cappedTenants",
    priority = 1)
@AdditionalPrinterColumn(
    name = "WorkersPaused",
    jsonPath = ".status.conditions[?(@.type==\"WorkersPaused\")].status",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class WorkerPool extends CustomResource<WorkerPoolSpec, WorkerPoolStatus>
    implements Namespaced {}
