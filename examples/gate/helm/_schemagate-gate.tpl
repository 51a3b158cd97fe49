{{/*
Copy this file into your chart's templates/ folder, then in the Deployment's pod template:

  metadata:
    labels:
      {{- include "schemagate.gate.labels" . | nindent 8 }}
    annotations:
      {{- include "schemagate.gate.annotations" (dict "migration" "lets-talk" "version" "6") | nindent 8 }}
  spec:
    {{- include "schemagate.gate.schedulingGates" . | nindent 6 }}

and give the Deployment `strategy.rollingUpdate.maxUnavailable: 0`.
*/}}

{{- define "schemagate.gate.labels" -}}
schemagate.io/gated: "true"
{{- end }}

{{- define "schemagate.gate.annotations" -}}
schemagate.io/migration: {{ required "schemagate gate: migration is required" .migration | quote }}
schemagate.io/requires-version: {{ required "schemagate gate: version is required" .version | toString | quote }}
{{- end }}

{{- define "schemagate.gate.schedulingGates" -}}
schedulingGates:
  - name: schemagate.io/schema
{{- end }}
