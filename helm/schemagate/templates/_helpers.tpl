{{- define "schemagate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "schemagate.fullname" -}}
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

{{- define "schemagate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "schemagate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "schemagate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "schemagate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "schemagate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "schemagate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "schemagate.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{/* Whether the operator watches labelled ConfigMaps: always per watched namespace, across the cluster only on request. */}}
{{- define "schemagate.watchConfigMaps" -}}
{{- if or (not (empty .Values.watchNamespaces)) .Values.watchConfigMaps }}true{{ end }}
{{- end }}

{{/* The operator's identity, as admission sees it. */}}
{{- define "schemagate.username" -}}
system:serviceaccount:{{ .Release.Namespace }}:{{ include "schemagate.serviceAccountName" . }}
{{- end }}

{{/* The rules the operator and the gate need in a watched namespace (OperatorApiCalls, GateApiCalls).
     No Secrets: tenants grant get on their own, by name. */}}
{{- define "schemagate.rules" -}}
- apiGroups: ["schemagate.io"]
  resources: ["databasemigrations"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["schemagate.io"]
  resources: ["databasemigrations/status"]
  verbs: [{{ if .Values.gate.enabled }}"patch", {{ end }}"update"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"{{ if include "schemagate.watchConfigMaps" . }}, "list", "watch"{{ end }}]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if .Values.gate.enabled }}
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "patch"]
{{- end }}
{{- end }}
