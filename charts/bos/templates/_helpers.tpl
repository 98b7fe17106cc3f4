{{/* Names */}}
{{- define "bos.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "bos.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels. Call with (dict "ctx" $ "component" "api") */}}
{{- define "bos.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bos.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "bos.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
{{ include "bos.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: bos
{{- end -}}

{{/* The label that lets a pod through the NetworkPolicies of Redis and RabbitMQ. */}}
{{- define "bos.clientLabel" -}}
{{ include "bos.fullname" . }}-client: "true"
{{- end -}}

{{/* Image reference. Call with (dict "ctx" $ "image" .Values.api.image) */}}
{{- define "bos.image" -}}
{{- $registry := .ctx.Values.image.registry -}}
{{- $tag := default (default .ctx.Chart.AppVersion .ctx.Values.image.tag) .image.tag -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "bos.apiServiceAccount" -}}
{{- if .Values.api.serviceAccount.create -}}{{ default (printf "%s-api" (include "bos.fullname" .)) .Values.api.serviceAccount.name }}{{- else -}}{{ default "default" .Values.api.serviceAccount.name }}{{- end -}}
{{- end -}}

{{- define "bos.workerServiceAccount" -}}
{{- if .Values.workers.serviceAccount.create -}}{{ default (printf "%s-worker" (include "bos.fullname" .)) .Values.workers.serviceAccount.name }}{{- else -}}{{ default "default" .Values.workers.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/*
Flattens a nested map into environment variable lines "Section__Key: value" (YAML), skipping null and "" so the
host's built-in default applies; lists become Section__Key__0, __1, ... Call with (dict "prefix" "" "value" $map).
*/}}
{{- define "bos.flatten" -}}
{{- $prefix := .prefix -}}
{{- range $k, $v := .value -}}
{{- $key := ternary $k (printf "%s__%s" $prefix $k) (eq $prefix "") -}}
{{- if kindIs "map" $v -}}
{{- include "bos.flatten" (dict "prefix" $key "value" $v) -}}
{{- else if kindIs "slice" $v -}}
{{- range $i, $item := $v }}
{{ printf "%s__%d" $key $i }}: {{ include "bos.scalar" $item }}
{{- end -}}
{{- else if not (or (kindIs "invalid" $v) (eq (toString $v) "")) }}
{{ $key }}: {{ include "bos.scalar" $v }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A value as a quoted string; whole floats (YAML numbers) print without exponent. */}}
{{- define "bos.scalar" -}}
{{- if and (kindIs "float64" .) (eq (float64 (int64 .)) .) -}}
{{- printf "%d" (int64 .) | quote -}}
{{- else -}}
{{- toString . | quote -}}
{{- end -}}
{{- end -}}

{{/* Redis password Secret: name and key (bundled or external). Empty name: no password. */}}
{{- define "bos.redis.secretName" -}}
{{- if .Values.redis.enabled -}}
{{- if .Values.redis.auth.enabled -}}{{ default (printf "%s-redis" (include "bos.fullname" .)) .Values.redis.auth.existingSecret }}{{- end -}}
{{- else if .Values.externalRedis.existingSecret -}}
{{- .Values.externalRedis.existingSecret -}}
{{- else if .Values.externalRedis.password -}}
{{- printf "%s-external" (include "bos.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "bos.redis.secretKey" -}}
{{- if .Values.redis.enabled -}}
{{- ternary .Values.redis.auth.existingSecretKey "redis-password" (ne .Values.redis.auth.existingSecret "") -}}
{{- else if .Values.externalRedis.existingSecret -}}
{{- .Values.externalRedis.existingSecretKey -}}
{{- else -}}
redis-password
{{- end -}}
{{- end -}}

{{/* The StackExchange.Redis connection string without the password. */}}
{{- define "bos.redis.configuration" -}}
{{- $full := include "bos.fullname" . -}}
{{- if .Values.redis.enabled -}}
{{- if .Values.redis.sentinel.enabled -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.redis.replicas) -}}
{{- $hosts = append $hosts (printf "%s-redis-%d.%s-redis-headless.%s.svc.%s:26379" $full $i $full $.Release.Namespace $.Values.clusterDomain) -}}
{{- end -}}
{{- printf "%s,serviceName=%s" (join "," $hosts) .Values.redis.sentinel.masterSet -}}
{{- else -}}
{{- printf "%s-redis:6379" $full -}}
{{- end -}}
{{- else -}}
{{- required "externalRedis.configuration is required when redis.enabled is false" .Values.externalRedis.configuration -}}
{{- end -}}
{{- end -}}

{{/* RabbitMQ credentials Secret (bundled or external) and its keys. */}}
{{- define "bos.rabbitmq.secretName" -}}
{{- if .Values.rabbitmq.enabled -}}
{{- default (printf "%s-rabbitmq" (include "bos.fullname" .)) .Values.rabbitmq.auth.existingSecret -}}
{{- else -}}
{{- default (printf "%s-external" (include "bos.fullname" .)) .Values.externalRabbitmq.existingSecret -}}
{{- end -}}
{{- end -}}
{{- define "bos.rabbitmq.usernameKey" -}}
{{- if or .Values.rabbitmq.enabled (not .Values.externalRabbitmq.existingSecret) -}}rabbitmq-username{{- else -}}{{ .Values.externalRabbitmq.existingSecretUsernameKey }}{{- end -}}
{{- end -}}
{{- define "bos.rabbitmq.passwordKey" -}}
{{- if or .Values.rabbitmq.enabled (not .Values.externalRabbitmq.existingSecret) -}}rabbitmq-password{{- else -}}{{ .Values.externalRabbitmq.existingSecretPasswordKey }}{{- end -}}
{{- end -}}

{{/* A generated secret value that survives upgrades: the existing Secret's value, else a new random one. */}}
{{- define "bos.keepOrGenerate" -}}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace .secret -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum (int (default 32 .length)) -}}
{{- end -}}
{{- end -}}

{{/*
The environment of every Bos container (API, workers, migration): the connection secrets (referenced, never
copied), then extraEnv. Call with the root context.
*/}}
{{- define "bos.env" -}}
- name: ASPNETCORE_ENVIRONMENT
  value: {{ .Values.environment | quote }}
- name: shutdownTimeoutSeconds
  value: {{ .Values.shutdownTimeoutSeconds | quote }}
{{- $redisSecret := include "bos.redis.secretName" . }}
{{- if $redisSecret }}
- name: BOS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $redisSecret }}
      key: {{ include "bos.redis.secretKey" . }}
- name: Redis__Configuration
  value: {{ printf "%s,password=$(BOS_REDIS_PASSWORD)" (include "bos.redis.configuration" .) | quote }}
{{- else }}
- name: Redis__Configuration
  value: {{ include "bos.redis.configuration" . | quote }}
{{- end }}
- name: RabbitMq__Username
  valueFrom:
    secretKeyRef:
      name: {{ include "bos.rabbitmq.secretName" . }}
      key: {{ include "bos.rabbitmq.usernameKey" . }}
- name: RabbitMq__Password
  valueFrom:
    secretKeyRef:
      name: {{ include "bos.rabbitmq.secretName" . }}
      key: {{ include "bos.rabbitmq.passwordKey" . }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Volumes and mounts of a read-only root filesystem: /tmp is an emptyDir. */}}
{{- define "bos.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}
{{- define "bos.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Checks that the grace period outlasts the preStop sleep plus the host's stop timeout. */}}
{{- define "bos.checkGrace" -}}
{{- $need := add .preStop .root.Values.shutdownTimeoutSeconds -}}
{{- if le (int .grace) (int $need) -}}
{{- fail (printf "%s: terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds (%v) + shutdownTimeoutSeconds (%v), or a rolling update kills pods mid-drain" .what .grace .preStop .root.Values.shutdownTimeoutSeconds) -}}
{{- end -}}
{{- end -}}
