{{/*
Chart name, truncated to 63 characters because some Kubernetes name fields are limited to that.
*/}}
{{- define "stevedore.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the release name, prefixed to the chart name unless it already contains it.
*/}}
{{- define "stevedore.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "stevedore.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object of the release.
*/}}
{{- define "stevedore.labels" -}}
helm.sh/chart: {{ include "stevedore.chart" . }}
{{ include "stevedore.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: stevedore
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the operator's pods; they must never change between upgrades.
*/}}
{{- define "stevedore.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stevedore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount the operator runs as.
*/}}
{{- define "stevedore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stevedore.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
"true" when the operator may give tenants namespaces of their own: tenantIsolation.enabled and no
watchNamespaces. Isolation needs cluster-wide rights on namespaces and Secrets, which an operator
confined to some namespaces must not hold.
*/}}
{{- define "stevedore.tenantIsolation" -}}
{{- and .Values.tenantIsolation.enabled (not .Values.watchNamespaces) -}}
{{- end }}

{{/*
The operator pods' selector labels as k=v,k=v, so platform pods' NetworkPolicies can admit them.
*/}}
{{- define "stevedore.podLabelSelector" -}}
{{- $labels := include "stevedore.selectorLabels" . | fromYaml -}}
{{- $pairs := list -}}
{{- range $key := keys $labels | sortAlpha -}}
{{- $pairs = append $pairs (printf "%s=%s" $key (get $labels $key)) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end }}
