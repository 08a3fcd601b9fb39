{{/*
The operator's permissions, exactly what it requests (helm's ChartRbacCoverageTest proves each rule
against the calls the operator made in its tests; see the README's table for why each is needed).
*/}}

{{/*
Rules in the namespaces of the custom resources: every namespace (ClusterRole), or each of
watchNamespaces (a Role there).
*/}}
{{- define "stevedore.rbac.resourceNamespaceRules" -}}
# The custom resources: the controllers' informers.
- apiGroups: ["stevedore.io"]
  resources: ["environments", "tenants", "workerpools", "promotions"]
  verbs: ["list", "watch"]
# A Promotion sets its Environment's spec.release (read fresh, then replaced).
- apiGroups: ["stevedore.io"]
  resources: ["environments"]
  verbs: ["get", "update"]
# The Tenant controller adds and removes its cleanup finalizer.
- apiGroups: ["stevedore.io"]
  resources: ["tenants"]
  verbs: ["get", "patch"]
# A finished Promotion is deleted once its ttlSecondsAfterFinished is up.
- apiGroups: ["stevedore.io"]
  resources: ["promotions"]
  verbs: ["delete"]
- apiGroups: ["stevedore.io"]
  resources: ["environments/status", "tenants/status", "workerpools/status", "promotions/status"]
  verbs: ["patch"]
# Owner references with blockOwnerDeletion need these where OwnerReferencesPermissionEnforcement is on.
- apiGroups: ["stevedore.io"]
  resources: ["environments/finalizers", "tenants/finalizers", "workerpools/finalizers"]
  verbs: ["update"]
# Ingest and worker Deployments; owner references let the garbage collector delete them.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update"]
# The autoscaler writes worker replicas through the scale subresource only, as the HPA does.
- apiGroups: ["apps"]
  resources: ["deployments/scale"]
  verbs: ["update"]
# Platform ConfigMap and tenant directories (delete: shards a smaller directory no longer needs).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list", "watch", "create", "update", "delete"]
# Tenant API keys and the tenant directory Secrets (delete: shards no longer needed); credentials
# Secrets named by Environments are read.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Ingest's Service.
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create"]
# The autoscaler reads worker pods and marks their pod-deletion-cost before a scale-in; promotion
# gates find ingest pods to scrape.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "patch"]
# The NetworkPolicies of the ingest and worker pods; owner references let the garbage collector
# delete them.
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "update"]
# The autoscaler never asks for pods a ResourceQuota refuses.
- apiGroups: [""]
  resources: ["resourcequotas"]
  verbs: ["list", "watch"]
# Events about the custom resources.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}

{{/*
Rules for tenant isolation, cluster-wide only and only without watchNamespaces (see
stevedore.tenantIsolation): an Environment with tenantIsolation gives each Tenant a namespace
<namespace>-<tenant>, made at run time (so no Role can be there before it), holding a copy of the
tenant's credentials, a ResourceQuota and a NetworkPolicy; the informers of those objects watch all
namespaces (they select them by label).
*/}}
{{- define "stevedore.rbac.tenantIsolationRules" -}}
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["secrets", "resourcequotas"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "update", "delete"]
{{- end }}
