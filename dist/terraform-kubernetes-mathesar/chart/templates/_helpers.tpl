{{/*
Names, labels and the pieces every Mathesar pod shares. The Mathesar-specific facts (port, start command,
health paths, environment variable names) mirror modules/mathesar/*.ts; __tests__/helm checks they agree.
*/}}

{{- define "mathesar.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mathesar.fullname" -}}
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

{{/* A name derived from the full name: (list $ "suffix"). Kept within 63 characters. */}}
{{- define "mathesar.childName" -}}
{{- $root := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- printf "%s-%s" (include "mathesar.fullname" $root | trunc (int (sub 62 (len $suffix)))) $suffix | trimSuffix "-" -}}
{{- end -}}

{{- define "mathesar.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mathesar.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "mathesar.image" -}}
{{- $ref := printf "%s:%s" .Values.image.repository (include "mathesar.tag" .) -}}
{{- if .Values.image.digest -}}
{{- $ref = printf "%s@%s" $ref .Values.image.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{- define "mathesar.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mathesar.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mathesar.labels" -}}
helm.sh/chart: {{ include "mathesar.chart" . }}
{{ include "mathesar.selectorLabels" . }}
app.kubernetes.io/version: {{ include "mathesar.tag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mathesar
{{- end -}}

{{/* Labels of one component: (list $ "web"). */}}
{{- define "mathesar.componentLabels" -}}
{{- $root := index . 0 -}}
{{ include "mathesar.labels" $root }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Selector of one component: (list $ "web"). */}}
{{- define "mathesar.componentSelector" -}}
{{- $root := index . 0 -}}
{{ include "mathesar.selectorLabels" $root }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "mathesar.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mathesar.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Sizes: the same three sizes as every other target (modules/mathesar/sizes.ts). Workers follow
webConcurrency(vcpus, memoryMiB) = min(round(2 * vcpus + 1), floor(memoryMiB / 160)).
*/}}
{{- define "mathesar.sizePresets" -}}
small:
  workers: 2
  resources:
    requests: {cpu: 500m, memory: 1Gi}
    limits: {cpu: "1", memory: 1Gi}
medium:
  workers: 3
  resources:
    requests: {cpu: "1", memory: 2Gi}
    limits: {cpu: "2", memory: 2Gi}
large:
  workers: 5
  resources:
    requests: {cpu: "2", memory: 4Gi}
    limits: {cpu: "4", memory: 4Gi}
{{- end -}}

{{- define "mathesar.sizePreset" -}}
{{- $presets := include "mathesar.sizePresets" . | fromYaml -}}
{{- if not (hasKey $presets .Values.size) -}}
{{- fail (printf "size %q is not one of small, medium, large" (toString .Values.size)) -}}
{{- end -}}
{{- index $presets .Values.size | toYaml -}}
{{- end -}}

{{- define "mathesar.resources" -}}
{{- if .Values.resources -}}
{{- toYaml .Values.resources -}}
{{- else -}}
{{- (include "mathesar.sizePreset" . | fromYaml).resources | toYaml -}}
{{- end -}}
{{- end -}}

{{- define "mathesar.webConcurrency" -}}
{{- if .Values.webConcurrency -}}
{{- .Values.webConcurrency | int -}}
{{- else -}}
{{- (include "mathesar.sizePreset" . | fromYaml).workers | int -}}
{{- end -}}
{{- end -}}

{{/* Database connection. With postgresql.enabled the host is the in-cluster StatefulSet's Service. */}}
{{- define "mathesar.databaseHost" -}}
{{- if .Values.postgresql.enabled -}}
{{- include "mathesar.childName" (list . "postgresql") -}}
{{- else -}}
{{- .Values.database.host -}}
{{- end -}}
{{- end -}}

{{- define "mathesar.databasePort" -}}
{{- if .Values.postgresql.enabled -}}5432{{- else -}}{{ .Values.database.port }}{{- end -}}
{{- end -}}

{{- define "mathesar.databaseSslMode" -}}
{{- if .Values.postgresql.enabled -}}disable{{- else -}}{{ .Values.database.sslMode }}{{- end -}}
{{- end -}}

{{/* The database server's CA certificate(s) for verify-ca/verify-full: a ConfigMap or Secret key, mounted read-only; its path, or empty. */}}
{{- define "mathesar.databaseCaPath" -}}
{{- $ca := .Values.database.caCertificate | default dict -}}
{{- if and (not .Values.postgresql.enabled) (or $ca.configMap $ca.secret) -}}
/etc/mathesar/database-ca/{{ $ca.key | default "ca.crt" }}
{{- end -}}
{{- end -}}

{{/* The CA's volumeMount, for every container that connects to the database (nothing without a CA). */}}
{{- define "mathesar.databaseCaMount" -}}
{{- if include "mathesar.databaseCaPath" . }}
- name: database-ca
  mountPath: /etc/mathesar/database-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* The CA's volume (nothing without a CA). */}}
{{- define "mathesar.databaseCaVolume" -}}
{{- if include "mathesar.databaseCaPath" . }}
{{- $ca := .Values.database.caCertificate }}
{{- $key := $ca.key | default "ca.crt" }}
- name: database-ca
  {{- if $ca.configMap }}
  configMap:
    name: {{ $ca.configMap }}
    items:
      - key: {{ $key }}
        path: {{ $key }}
  {{- else }}
  secret:
    secretName: {{ $ca.secret }}
    items:
      - key: {{ $key }}
        path: {{ $key }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Whether the chart generates the database password (it then also creates the role, or the in-cluster server does). */}}
{{- define "mathesar.generatesDatabasePassword" -}}
{{- if and (not .Values.database.existingSecret) (or .Values.postgresql.enabled .Values.database.adminExistingSecret) -}}true{{- end -}}
{{- end -}}

{{/* Secret holding the database password, or empty when Mathesar connects without one. */}}
{{- define "mathesar.databasePasswordSecret" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else if include "mathesar.generatesDatabasePassword" . -}}
{{- include "mathesar.childName" (list . "database") -}}
{{- end -}}
{{- end -}}

{{- define "mathesar.databasePasswordKey" -}}
{{- if .Values.database.existingSecret -}}{{ .Values.database.passwordKey }}{{- else -}}password{{- end -}}
{{- end -}}

{{- define "mathesar.secretKeySecret" -}}
{{- default (include "mathesar.childName" (list . "secret-key")) .Values.secretKey.existingSecret -}}
{{- end -}}

{{- define "mathesar.secretKeyKey" -}}
{{- if .Values.secretKey.existingSecret -}}{{ .Values.secretKey.key }}{{- else -}}SECRET_KEY{{- end -}}
{{- end -}}

{{- define "mathesar.adminSecret" -}}
{{- default (include "mathesar.childName" (list . "admin")) .Values.admin.existingSecret -}}
{{- end -}}

{{- define "mathesar.adminPasswordKey" -}}
{{- if .Values.admin.existingSecret -}}{{ .Values.admin.passwordKey }}{{- else -}}password{{- end -}}
{{- end -}}

{{/* Host names: the public ones (ingress), then the Service's cluster DNS names. */}}
{{- define "mathesar.publicHosts" -}}
{{- $hosts := list -}}
{{- if .Values.ingress.host -}}
{{- $hosts = append $hosts .Values.ingress.host -}}
{{- end -}}
{{- range .Values.ingress.extraHosts -}}
{{- $hosts = append $hosts . -}}
{{- end -}}
{{- $hosts | toJson -}}
{{- end -}}

{{- define "mathesar.serviceFqdn" -}}
{{- printf "%s.%s.svc.%s" (include "mathesar.fullname" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{- define "mathesar.allowedHosts" -}}
{{- $fullname := include "mathesar.fullname" . -}}
{{- $hosts := include "mathesar.publicHosts" . | fromJsonArray -}}
{{- $hosts = concat $hosts (list $fullname (printf "%s.%s" $fullname .Release.Namespace) (printf "%s.%s.svc" $fullname .Release.Namespace) (include "mathesar.serviceFqdn" .)) -}}
{{- if not .Values.ingress.host -}}
{{/* No public host: `kubectl port-forward` is the way in, and it sends Host: localhost. */}}
{{- $hosts = concat $hosts (list "localhost" "127.0.0.1") -}}
{{- end -}}
{{- $hosts = concat $hosts .Values.extraAllowedHosts -}}
{{- $hosts | uniq | join "," -}}
{{- end -}}

{{- define "mathesar.ingressEnabled" -}}
{{- if kindIs "bool" .Values.ingress.enabled -}}
{{- if .Values.ingress.enabled -}}true{{- end -}}
{{- else if .Values.ingress.host -}}true{{- end -}}
{{- end -}}

{{/* The Secret the Ingress serves TLS from. */}}
{{- define "mathesar.tlsSecretName" -}}
{{- .Values.ingress.tls.secretName | default (include "mathesar.childName" (list . "tls")) -}}
{{- end -}}

{{/*
True when the Ingress serves TLS from the default <fullname>-tls Secret and nothing creates it: no
certManager.clusterIssuer, no tls.secretName of the user's, and no cert-manager issuer annotation of the
user's own. The chart still renders (the Secret may be created out of band); NOTES.txt warns.
*/}}
{{- define "mathesar.tlsSecretUnmanaged" -}}
{{- $ingress := .Values.ingress -}}
{{- if and (include "mathesar.ingressEnabled" .) $ingress.tls.enabled (not $ingress.certManager.clusterIssuer) (not $ingress.tls.secretName) -}}
{{- $annotations := $ingress.annotations | default dict -}}
{{- if not (or (hasKey $annotations "cert-manager.io/cluster-issuer") (hasKey $annotations "cert-manager.io/issuer")) -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{/* Uploads are shared between pods only on a ReadWriteMany volume. */}}
{{- define "mathesar.uploadsShared" -}}
{{- if and .Values.persistence.enabled (eq .Values.persistence.accessMode "ReadWriteMany") -}}true{{- end -}}
{{- end -}}

{{- define "mathesar.ssoEnabled" -}}
{{- if .Values.sso.existingSecret -}}true{{- end -}}
{{- end -}}

{{/* A value from a Secret: (list "NAME" "secret" "key"). */}}
{{- define "mathesar.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 | quote }}
      key: {{ index . 2 | quote }}
{{- end -}}

{{/*
The environment every Mathesar container gets (modules/mathesar/environment.ts): all three required
POSTGRES_* variables always (the image would otherwise start a throwaway database), secrets only through
secretKeyRef.
*/}}
{{- define "mathesar.env" -}}
- name: POSTGRES_DB
  value: {{ .Values.database.name | quote }}
- name: POSTGRES_USER
  value: {{ .Values.database.user | quote }}
- name: POSTGRES_HOST
  value: {{ include "mathesar.databaseHost" . | quote }}
- name: POSTGRES_PORT
  value: {{ include "mathesar.databasePort" . | quote }}
- name: POSTGRES_SSLMODE
  value: {{ include "mathesar.databaseSslMode" . | quote }}
{{- /* Mathesar 0.8.0-0.11.0 ignores POSTGRES_SSLMODE (its settings overwrite the OPTIONS holding it): libpq reads PGSSLMODE. Not over a Unix socket. */}}
{{- if not (hasPrefix "/" (include "mathesar.databaseHost" .)) }}
- name: PGSSLMODE
  value: {{ include "mathesar.databaseSslMode" . | quote }}
{{- with include "mathesar.databaseCaPath" . }}
- name: PGSSLROOTCERT
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- $databaseSecret := include "mathesar.databasePasswordSecret" . }}
{{- if $databaseSecret }}
{{ include "mathesar.secretEnv" (list "POSTGRES_PASSWORD" $databaseSecret (include "mathesar.databasePasswordKey" .)) }}
{{- end }}
{{ include "mathesar.secretEnv" (list "SECRET_KEY" (include "mathesar.secretKeySecret" .) (include "mathesar.secretKeyKey" .)) }}
- name: ALLOWED_HOSTS
  value: {{ include "mathesar.allowedHosts" . | quote }}
- name: WEB_CONCURRENCY
  value: {{ include "mathesar.webConcurrency" . | quote }}
- name: GUNICORN_CMD_ARGS
  value: {{ printf "--timeout %d --access-logfile -" (int .Values.requestTimeoutSeconds) | quote }}
- name: DEBUG
  value: "false"
- name: REQUIRE_SSO_LOGIN
  value: {{ .Values.sso.requireSsoLogin | toString | quote }}
{{- if include "mathesar.ssoEnabled" . }}
{{ include "mathesar.secretEnv" (list "SSO_CONFIG_DICT" .Values.sso.existingSecret .Values.sso.key) }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The bootstrap's environment: Mathesar's, plus the first admin and the optional database admin. */}}
{{- define "mathesar.bootstrapEnv" -}}
{{ include "mathesar.env" . }}
- name: PYTHONPATH
  value: /code
- name: DJANGO_SUPERUSER_USERNAME
  value: {{ ternary .Values.admin.username "" .Values.admin.enabled | quote }}
- name: DJANGO_SUPERUSER_EMAIL
  value: {{ .Values.admin.email | quote }}
{{- if .Values.admin.enabled }}
{{ include "mathesar.secretEnv" (list "DJANGO_SUPERUSER_PASSWORD" (include "mathesar.adminSecret" .) (include "mathesar.adminPasswordKey" .)) }}
{{- end }}
{{- if and .Values.database.adminExistingSecret (not .Values.postgresql.enabled) }}
{{ include "mathesar.secretEnv" (list "MATHESAR_DB_ADMIN_USER" .Values.database.adminExistingSecret .Values.database.adminUserKey) }}
{{ include "mathesar.secretEnv" (list "MATHESAR_DB_ADMIN_PASSWORD" .Values.database.adminExistingSecret .Values.database.adminPasswordKey) }}
{{- end }}
{{- end -}}

{{/* Containers that wait for the database and run the bootstrap (the hook Job, or the web pod with the in-cluster database). */}}
{{- define "mathesar.bootstrapContainers" -}}
- name: wait-for-database
  image: {{ include "mathesar.image" . | quote }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  command: ["python", "/bootstrap/wait-for-database.py"]
  workingDir: /code
  env:
    - name: POSTGRES_HOST
      value: {{ include "mathesar.databaseHost" . | quote }}
    - name: POSTGRES_PORT
      value: {{ include "mathesar.databasePort" . | quote }}
    - name: MATHESAR_WAIT_FOR_DATABASE_SECONDS
      value: {{ .Values.bootstrap.waitForDatabaseSeconds | toString | quote }}
  resources:
    {{- toYaml .Values.bootstrap.resources | nindent 4 }}
  securityContext:
    {{- toYaml .Values.securityContext | nindent 4 }}
  volumeMounts:
    - name: bootstrap
      mountPath: /bootstrap
      readOnly: true
    - name: tmp
      mountPath: /tmp
- name: bootstrap
  image: {{ include "mathesar.image" . | quote }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  # PYTHONPATH=/code: Python puts the script's own folder (/bootstrap) on sys.path, not the working directory.
  command: ["python", "/bootstrap/bootstrap.py"]
  workingDir: /code
  env:
    {{- include "mathesar.bootstrapEnv" . | nindent 4 }}
  resources:
    {{- toYaml .Values.bootstrap.resources | nindent 4 }}
  securityContext:
    {{- toYaml .Values.securityContext | nindent 4 }}
  volumeMounts:
    - name: bootstrap
      mountPath: /bootstrap
      readOnly: true
    - name: tmp
      mountPath: /tmp
    {{- include "mathesar.databaseCaMount" . | nindent 4 }}
{{- end -}}

{{/* Annotations of resources the pre-install hook Job needs: created first, as hooks, and never deleted with the release. */}}
{{- define "mathesar.prerequisiteHookAnnotations" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: "-10"
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}

{{/*
A generated Secret (list $ "name" "KEY" length): reuses the value already in the cluster (lookup), so it
survives upgrades; `helm template` and client-side dry runs cannot look up and generate a new value.
*/}}
{{- define "mathesar.generatedSecret" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $key := index . 2 -}}
{{- $length := index . 3 -}}
{{- $value := randAlphaNum $length | b64enc -}}
{{- $existing := lookup "v1" "Secret" $root.Release.Namespace $name -}}
{{- if and $existing $existing.data -}}
{{- if hasKey $existing.data $key -}}
{{- $value = index $existing.data $key -}}
{{- end -}}
{{- end -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "mathesar.labels" $root | nindent 4 }}
  annotations:
    {{- include "mathesar.prerequisiteHookAnnotations" $root | nindent 4 }}
    helm.sh/resource-policy: keep
type: Opaque
data:
  {{ $key }}: {{ $value | quote }}
{{- end -}}

{{/*
Checks the schema also makes (values.schema.json), repeated here so that `--skip-schema-validation` or an
old Helm still fails with a clear message.
*/}}
{{- define "mathesar.validate" -}}
{{- if and (not .Values.postgresql.enabled) (not .Values.database.host) -}}
{{- fail "database.host is required: set it to your PostgreSQL server (or set postgresql.enabled=true for an evaluation-only in-cluster database). Mathesar never starts without a database." -}}
{{- end -}}
{{- if and .Values.postgresql.enabled .Values.database.host -}}
{{- fail "database.host must be empty when postgresql.enabled=true: choose the external database or the in-cluster one, not both." -}}
{{- end -}}
{{- if and (contains "." (toString .Values.database.user)) .Values.database.adminExistingSecret -}}
{{- fail (printf "database.user %q contains a dot (a pooler login such as mathesar.<project-ref> for the Supabase session pooler) and cannot be used with database.adminExistingSecret: the bootstrap would create a role literally named %q. Create the role on the server yourself and leave database.adminExistingSecret empty." (toString .Values.database.user) (toString .Values.database.user)) -}}
{{- end -}}
{{- if eq (include "mathesar.tag" .) "latest" -}}
{{- fail "image.tag must be a pinned Mathesar version such as 0.11.0, never latest (leave it empty for the appVersion of the chart)." -}}
{{- end -}}
{{- if not (has .Values.database.sslMode (list "disable" "prefer" "require" "verify-ca" "verify-full")) -}}
{{- fail (printf "database.sslMode %q is not supported: use disable, prefer, require, verify-ca or verify-full (the last two with database.caCertificate)." (toString .Values.database.sslMode)) -}}
{{- end -}}
{{- $ca := .Values.database.caCertificate | default dict -}}
{{- if and $ca.configMap $ca.secret -}}
{{- fail "database.caCertificate: set configMap or secret, not both." -}}
{{- end -}}
{{- if and (has .Values.database.sslMode (list "verify-ca" "verify-full")) (not .Values.postgresql.enabled) (not (include "mathesar.databaseCaPath" .)) -}}
{{- fail (printf "database.sslMode %s needs database.caCertificate.configMap or .secret: libpq verifies the server against that CA (the image holds none of the clouds' database CAs)." (toString .Values.database.sslMode)) -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (not (include "mathesar.uploadsShared" .)) -}}
{{- fail "replicaCount > 1 needs persistence.enabled=true with persistence.accessMode=ReadWriteMany: a CSV import is uploaded in one request and read back in the next, possibly by another pod." -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (not (include "mathesar.uploadsShared" .)) -}}
{{- fail "autoscaling.enabled needs persistence.enabled=true with persistence.accessMode=ReadWriteMany: a CSV import is uploaded in one request and read back in the next, possibly by another pod." -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas." -}}
{{- end -}}
{{- if and (eq (include "mathesar.ingressEnabled" .) "true") (not .Values.ingress.host) -}}
{{- fail "ingress.enabled=true needs ingress.host (the public host name, also added to ALLOWED_HOSTS)." -}}
{{- end -}}
{{- if lt (int .Values.startupGraceSeconds) 300 -}}
{{- fail "startupGraceSeconds must be at least 300 (Mathesar's first start can take minutes)." -}}
{{- end -}}
{{- $_ := include "mathesar.sizePreset" . -}}
{{- include "mathesar.validateValues" . -}}
{{- end -}}

{{/* database.host when it is an IP address, as a CIDR of one address; empty otherwise. */}}
{{- define "mathesar.databaseHostCidr" -}}
{{- $host := .Values.database.host -}}
{{- if regexMatch "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$" $host -}}
{{- printf "%s/32" $host -}}
{{- else if regexMatch "^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}$" $host -}}
{{- printf "%s/128" $host -}}
{{- end -}}
{{- end -}}

{{/*
True when the NetworkPolicy cannot narrow the database port to addresses: database.host is a DNS name
(a NetworkPolicy matches addresses, never names) and networkPolicy.databaseCidrs is empty. NOTES warns.
*/}}
{{- define "mathesar.databaseEgressOpen" -}}
{{- if and .Values.networkPolicy.enabled (not .Values.postgresql.enabled) (not .Values.networkPolicy.databaseCidrs) (not (include "mathesar.databaseHostCidr" .)) (not (hasPrefix "/" .Values.database.host)) -}}true{{- end -}}
{{- end -}}

{{/* Egress of Mathesar's pods: DNS to the cluster DNS only, the database port to the database only. */}}
{{- define "mathesar.networkPolicyEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Values.networkPolicy.dnsNamespace | quote }}
      podSelector:
        matchLabels:
          {{- toYaml .Values.networkPolicy.dnsPodLabels | nindent 10 }}
    {{- range .Values.networkPolicy.dnsCidrs }}
    - ipBlock:
        cidr: {{ . | quote }}
    {{- end }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- $cidrs := .Values.networkPolicy.databaseCidrs | default list }}
{{- with include "mathesar.databaseHostCidr" . }}
{{- $cidrs = append $cidrs . }}
{{- end }}
{{- if or .Values.postgresql.enabled $cidrs (include "mathesar.databaseEgressOpen" .) }}
- ports:
    - port: {{ include "mathesar.databasePort" . }}
      protocol: TCP
  {{- if not (include "mathesar.databaseEgressOpen" .) }}
  to:
    {{- range $cidrs | uniq }}
    - ipBlock:
        cidr: {{ . | quote }}
    {{- end }}
    {{- if .Values.postgresql.enabled }}
    - podSelector:
        matchLabels:
          {{- include "mathesar.componentSelector" (list . "postgresql") | nindent 10 }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}

{{/*
Liveness shares gunicorn's sync workers with requests that may run requestTimeoutSeconds (CSV imports).
When every worker is busy the probe waits; gunicorn's master kills a worker stuck past --timeout, so a
worker is free again within requestTimeoutSeconds. The failure window (period x threshold) is therefore at
least the request timeout plus one period and one probe timeout: busy workers never get the pod restarted,
a dead gunicorn still does within minutes.
*/}}
{{- define "mathesar.livenessPeriodSeconds" -}}20{{- end -}}
{{- define "mathesar.livenessTimeoutSeconds" -}}5{{- end -}}
{{- define "mathesar.livenessFailureThreshold" -}}
{{- $period := int (include "mathesar.livenessPeriodSeconds" .) -}}
{{- $needed := add (int .Values.requestTimeoutSeconds) $period (int (include "mathesar.livenessTimeoutSeconds" .)) -}}
{{- max 3 (div (add $needed (sub $period 1)) $period) -}}
{{- end -}}
