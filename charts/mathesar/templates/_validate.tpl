{{/*
The templates' own refusal of bad values, so that every check holds with `--skip-schema-validation`, with
Argo CD and with tools that ignore values.schema.json:

1. mathesar.schemaCheck walks files/values.schema.json (a copy of values.schema.json written by
   `npm run synth`, because Helm does not show the schema to templates) and applies its type, enum,
   pattern, length, range, unknown-key, required, not and propertyNames rules to .Values.
2. mathesar.validateValues makes the checks a JSON schema cannot word (or that depend on several values):
   resource names, limits, security context, the disruption budget, extraEnv, SSO.
Both are called from mathesar.validate (_helpers.tpl), which deployment.yaml includes; one `fail` in any
template stops the whole render before anything reaches the cluster.
*/}}

{{/* The JSON type of a value: null, boolean, string, integer, number, object, array. */}}
{{- define "mathesar.jsonKind" -}}
{{- if kindIs "invalid" . -}}null
{{- else if kindIs "bool" . -}}boolean
{{- else if kindIs "string" . -}}string
{{- else if or (kindIs "float64" .) (kindIs "float32" .) (kindIs "int" .) (kindIs "int64" .) (kindIs "int32" .) (kindIs "uint64" .) -}}
{{- if eq (float64 .) (floor .) -}}integer{{- else -}}number{{- end -}}
{{- else if kindIs "map" . -}}object
{{- else if kindIs "slice" . -}}array
{{- else -}}{{ kindOf . }}{{- end -}}
{{- end -}}

{{/* Fails naming the value: (list path value "what is wrong" schemaNode). */}}
{{- define "mathesar.schemaFail" -}}
{{- $path := index . 0 -}}
{{- $value := index . 1 -}}
{{- $node := index . 3 -}}
{{- $allowed := "" -}}
{{- if and (kindIs "map" $node) (hasKey $node "description") -}}
{{- $allowed = printf " (%s: %s)" $path $node.description -}}
{{- end -}}
{{- fail (printf "value %s = %s is refused: %s.%s" (default "(root)" $path) (toJson $value) (index . 2) $allowed) -}}
{{- end -}}

{{/* One schema node against one value: (dict "schema" node "value" v "path" "a.b" "root" schema). */}}
{{- define "mathesar.schemaCheck" -}}
{{- $s := .schema -}}
{{- $v := .value -}}
{{- $path := .path -}}
{{- $root := .root -}}
{{- if hasKey $s "$ref" -}}
{{- $s = index $root.definitions (trimPrefix "#/definitions/" (index $s "$ref")) -}}
{{- end -}}
{{- $kind := include "mathesar.jsonKind" $v -}}
{{- if hasKey $s "type" -}}
{{- $types := $s.type -}}
{{- if kindIs "string" $types -}}{{- $types = list $types -}}{{- end -}}
{{- if not (or (has $kind $types) (and (eq $kind "integer") (has "number" $types))) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it is of type %s, expected %s" $kind (join " or " $types)) $s) -}}
{{- end -}}
{{- end -}}
{{- if and (hasKey $s "enum") (not (has $v $s.enum)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it must be one of %s" (toJson $s.enum)) $s) -}}
{{- end -}}
{{- if and (hasKey $s "not") (hasKey $s.not "enum") (has $v $s.not.enum) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it must not be any of %s" (toJson $s.not.enum)) $s) -}}
{{- end -}}
{{- if eq $kind "string" -}}
{{- if and (hasKey $s "pattern") (not (regexMatch $s.pattern $v)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it does not match %s" $s.pattern) $s) -}}
{{- end -}}
{{- if and (hasKey $s "not") (hasKey $s.not "pattern") (regexMatch $s.not.pattern $v) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it must not match %s" $s.not.pattern) $s) -}}
{{- end -}}
{{- if and (hasKey $s "maxLength") (gt (len $v) (int $s.maxLength)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it is longer than %d characters" (int $s.maxLength)) $s) -}}
{{- end -}}
{{- if and (hasKey $s "minLength") (lt (len $v) (int $s.minLength)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it is shorter than %d characters" (int $s.minLength)) $s) -}}
{{- end -}}
{{- end -}}
{{- if or (eq $kind "integer") (eq $kind "number") -}}
{{- if and (hasKey $s "minimum") (lt (float64 $v) (float64 $s.minimum)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it is below the minimum %v" $s.minimum) $s) -}}
{{- end -}}
{{- if and (hasKey $s "maximum") (gt (float64 $v) (float64 $s.maximum)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it is above the maximum %v" $s.maximum) $s) -}}
{{- end -}}
{{- end -}}
{{- if eq $kind "object" -}}
{{- range $required := ($s.required | default list) -}}
{{- if not (hasKey $v $required) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it lacks %q" $required) $s) -}}
{{- end -}}
{{- end -}}
{{- $properties := $s.properties | default dict -}}
{{- range $key, $child := $v -}}
{{- $childPath := ternary $key (printf "%s.%s" $path $key) (eq $path "") -}}
{{- if hasKey $s "propertyNames" -}}
{{- include "mathesar.schemaCheck" (dict "schema" $s.propertyNames "value" $key "path" (printf "%s (key %q)" $path $key) "root" $root) -}}
{{- end -}}
{{- if hasKey $properties $key -}}
{{- include "mathesar.schemaCheck" (dict "schema" (index $properties $key) "value" $child "path" $childPath "root" $root) -}}
{{- else if hasKey $s "additionalProperties" -}}
{{- $additional := $s.additionalProperties -}}
{{- if kindIs "map" $additional -}}
{{- include "mathesar.schemaCheck" (dict "schema" $additional "value" $child "path" $childPath "root" $root) -}}
{{- else if not $additional -}}
{{- include "mathesar.schemaFail" (list $childPath $child (printf "%s is not a value of this chart (a typo?); known: %s. (Chart developers: after adding a value to values.schema.json, run npm run synth, which copies it to files/values.schema.json for these checks.)" $childPath (keys $properties | sortAlpha | join ", ")) dict) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if eq $kind "array" -}}
{{- if and (hasKey $s "maxItems") (gt (len $v) (int $s.maxItems)) -}}
{{- include "mathesar.schemaFail" (list $path $v (printf "it has more than %d items" (int $s.maxItems)) $s) -}}
{{- end -}}
{{- if hasKey $s "items" -}}
{{- range $index, $item := $v -}}
{{- include "mathesar.schemaCheck" (dict "schema" $s.items "value" $item "path" (printf "%s[%d]" $path $index) "root" $root) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Environment variable names the chart sets itself (deployment.yaml, job-bootstrap.yaml and their helpers),
and prefixes it owns: libpq's PG* (PGSSLMODE, PGHOST...), Django's DJANGO_*, the POSTGRES_* Mathesar
reads. __tests__/helm checks that every variable any rendered container gets is refused in extraEnv.
*/}}
{{- define "mathesar.ownedEnvNames" -}}
["ALLOWED_HOSTS", "DEBUG", "SECRET_KEY", "SSO_CONFIG_DICT", "OIDC_CONFIG_DICT", "REQUIRE_SSO_LOGIN", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "PYTHONPATH", "PYTHONHOME", "MATHESAR_DB_ADMIN_USER", "MATHESAR_DB_ADMIN_PASSWORD", "MATHESAR_WAIT_FOR_DATABASE_SECONDS"]
{{- end -}}
{{- define "mathesar.ownedEnvPattern" -}}^(POSTGRES_|PG|DJANGO_)
{{- end -}}
{{/* Names that look like they carry a secret: they must come from a Secret (valueFrom.secretKeyRef). */}}
{{- define "mathesar.secretEnvPattern" -}}(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|APIKEY|CREDENTIAL|CREDENTIALS|PRIVATE|DSN)(_|$)|^FILE_STORAGE_DICT$
{{- end -}}

{{/* Resources of one container set: (list "resources" .Values.resources). */}}
{{- define "mathesar.validateResources" -}}
{{- $path := index . 0 -}}
{{- $resources := index . 1 | default dict -}}
{{- if $resources -}}
{{- $limits := $resources.limits | default dict -}}
{{- if not (hasKey $limits "memory") -}}
{{- fail (printf "value %s = %s is refused: it sets no limits.memory, so the pod could take all of a node's memory. Give requests.cpu, requests.memory and limits.memory (quantities such as 500m or 1Gi), or leave %s empty to use the size preset." $path (toJson $resources) $path) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A container security context: (list "securityContext" .Values.securityContext). */}}
{{- define "mathesar.validateSecurityContext" -}}
{{- $path := index . 0 -}}
{{- $context := index . 1 | default dict -}}
{{- $capabilities := $context.capabilities | default dict -}}
{{- if not (has "ALL" ($capabilities.drop | default list)) -}}
{{- fail (printf "value %s.capabilities = %s is refused: drop must contain ALL (Mathesar needs no Linux capability)." $path (toJson $capabilities)) -}}
{{- end -}}
{{- end -}}

{{- define "mathesar.validateValues" -}}
{{- $schema := .Files.Get "files/values.schema.json" | fromJson -}}
{{- if not (hasKey $schema "properties") -}}
{{- fail "files/values.schema.json is missing or not JSON: run `npm run synth` (it copies values.schema.json there for the templates)." -}}
{{- end -}}
{{- include "mathesar.schemaCheck" (dict "schema" $schema "value" .Values "path" "" "root" $schema) -}}
{{- /* Every object is named after the full name; a Service name must be a DNS-1035 label. */ -}}
{{- $fullname := include "mathesar.fullname" . -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $fullname) -}}
{{- fail (printf "the resource name %q (from the release name %q, nameOverride %q and fullnameOverride %q) is not a valid Service name: it must start with a lowercase letter and hold only lowercase letters, digits and hyphens (no dots). Change the release name, nameOverride or fullnameOverride." $fullname .Release.Name (toString .Values.nameOverride) (toString .Values.fullnameOverride)) -}}
{{- end -}}
{{- include "mathesar.validateResources" (list "resources" .Values.resources) -}}
{{- include "mathesar.validateResources" (list "bootstrap.resources" .Values.bootstrap.resources) -}}
{{- include "mathesar.validateResources" (list "postgresql.resources" .Values.postgresql.resources) -}}
{{- include "mathesar.validateSecurityContext" (list "securityContext" .Values.securityContext) -}}
{{- /* The disruption budget must leave at least one pod that may be evicted, or every drain hangs. */ -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) -}}
{{- $pods := ternary (int .Values.autoscaling.minReplicas) (int .Values.replicaCount) .Values.autoscaling.enabled -}}
{{- $minAvailable := .Values.podDisruptionBudget.minAvailable -}}
{{- $kept := 0 -}}
{{- if kindIs "string" $minAvailable -}}
{{- /* A percentage is rounded up by the eviction API. */ -}}
{{- $kept = div (add (mul (int (trimSuffix "%" $minAvailable)) $pods) 99) 100 -}}
{{- else -}}
{{- $kept = int $minAvailable -}}
{{- end -}}
{{- if ge (int $kept) $pods -}}
{{- fail (printf "value podDisruptionBudget.minAvailable = %s is refused: it keeps %d of %d pods (%s), so no pod may ever be evicted and every node drain hangs. Use at most %d." (toJson $minAvailable) (int $kept) $pods (ternary "autoscaling.minReplicas" "replicaCount" .Values.autoscaling.enabled) (sub $pods 1)) -}}
{{- end -}}
{{- end -}}
{{- /* extraEnv: never a variable the chart sets, never a secret in plain text. */ -}}
{{- $owned := include "mathesar.ownedEnvNames" . | fromJsonArray -}}
{{- $seen := dict -}}
{{- range $index, $item := .Values.extraEnv -}}
{{- $name := toString $item.name -}}
{{- $at := printf "extraEnv[%d] (%s)" $index $name -}}
{{- if or (has $name $owned) (regexMatch (include "mathesar.ownedEnvPattern" $) $name) -}}
{{- fail (printf "value %s is refused: the chart sets %s itself (from database.*, secretKey.*, sso.*, size, requestTimeoutSeconds, ingress.* or extraAllowedHosts); overriding it in extraEnv could redirect Mathesar's database, turn DEBUG on or open ALLOWED_HOSTS. Set the chart value instead." $at $name) -}}
{{- end -}}
{{- if hasKey $seen $name -}}
{{- fail (printf "value %s is refused: extraEnv sets %s twice (Kubernetes keeps the last one silently)." $at $name) -}}
{{- end -}}
{{- $_ := set $seen $name true -}}
{{- if and (hasKey $item "value") (hasKey $item "valueFrom") -}}
{{- fail (printf "value %s is refused: give either value or valueFrom, not both." $at) -}}
{{- end -}}
{{- if regexMatch (include "mathesar.secretEnvPattern" $) $name -}}
{{- $from := $item.valueFrom | default dict -}}
{{- if not (hasKey $from "secretKeyRef") -}}
{{- fail (printf "value %s is refused: %s looks like a secret, so it must come from valueFrom.secretKeyRef (a Kubernetes Secret), never a plain value or a ConfigMap." $at $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $key, $_ := .Values.podLabels -}}
{{- if regexMatch "^(app\\.kubernetes\\.io|helm\\.sh)/" $key -}}
{{- fail (printf "value podLabels (key %q) is refused: app.kubernetes.io/* and helm.sh/* labels are the chart's own; its Deployment and Service select pods by them." $key) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.sso.requireSsoLogin (not .Values.sso.existingSecret) -}}
{{- fail "value sso.requireSsoLogin = true is refused: it needs sso.existingSecret (the SSO configuration); without one Mathesar keeps password login and only logs a warning." -}}
{{- end -}}
{{- end -}}
