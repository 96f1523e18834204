/**
 * Bad and hostile values, each rendered twice: with the values schema (what `helm install` does) and with
 * `--skip-schema-validation` (what Argo CD's and some old tools' rendering does). Both must refuse, and the
 * message must name the value. A refusal that only the schema makes is not a refusal the README may claim.
 */
import { HELM, helmTemplate } from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, PUBLIC_HOST } from "./matrix";

/** One hostile input. */
export interface Hostile {
  /** What the value does. */
  readonly name: string;
  /** Values merged over the defaults. */
  readonly values: Record<string, unknown>;
  /** The value the message must name, dotted (`extraEnv`, `database.name`). */
  readonly key: string;
}

const db = { host: DB_HOST };
const rwx = { accessMode: "ReadWriteMany" };
const env = (...items: object[]) => ({ database: db, extraEnv: items });
const secretRef = { secretKeyRef: { name: "app-secrets", key: "value" } };
const withSecurity = (securityContext: object) => ({
  database: db,
  securityContext: {
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    ...securityContext,
  },
});

export const HOSTILE: readonly Hostile[] = [
  // extraEnv overriding what the chart itself sets
  { name: "extraEnv DEBUG=true", values: env({ name: "DEBUG", value: "true" }), key: "extraEnv" },
  {
    name: "extraEnv POSTGRES_HOST (redirects Mathesar's own database)",
    values: env({ name: "POSTGRES_HOST", value: "evil.example.org" }),
    key: "extraEnv",
  },
  { name: "extraEnv ALLOWED_HOSTS=*", values: env({ name: "ALLOWED_HOSTS", value: "*" }), key: "extraEnv" },
  {
    name: "extraEnv POSTGRES_SSLMODE=disable",
    values: env({ name: "POSTGRES_SSLMODE", value: "disable" }),
    key: "extraEnv",
  },
  { name: "extraEnv PGSSLMODE=disable", values: env({ name: "PGSSLMODE", value: "disable" }), key: "extraEnv" },
  { name: "extraEnv PGHOST", values: env({ name: "PGHOST", value: "evil.example.org" }), key: "extraEnv" },
  {
    name: "extraEnv SECRET_KEY from another Secret (secretKey.existingSecret is the way)",
    values: env({ name: "SECRET_KEY", valueFrom: secretRef }),
    key: "extraEnv",
  },
  {
    name: "extraEnv SSO_CONFIG_DICT from a Secret (sso.existingSecret is the way)",
    values: env({ name: "SSO_CONFIG_DICT", valueFrom: secretRef }),
    key: "extraEnv",
  },
  {
    name: "extraEnv REQUIRE_SSO_LOGIN=false",
    values: env({ name: "REQUIRE_SSO_LOGIN", value: "false" }),
    key: "extraEnv",
  },
  { name: "extraEnv WEB_CONCURRENCY", values: env({ name: "WEB_CONCURRENCY", value: "64" }), key: "extraEnv" },
  {
    name: "extraEnv GUNICORN_CMD_ARGS (could bind elsewhere or drop the timeout)",
    values: env({ name: "GUNICORN_CMD_ARGS", value: "--timeout 0" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv DJANGO_SETTINGS_MODULE",
    values: env({ name: "DJANGO_SETTINGS_MODULE", value: "config.settings.development" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv DJANGO_SUPERUSER_USERNAME",
    values: env({ name: "DJANGO_SUPERUSER_USERNAME", value: "root" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv MATHESAR_DB_ADMIN_USER",
    values: env({ name: "MATHESAR_DB_ADMIN_USER", value: "postgres" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv PYTHONPATH (code injection path)",
    values: env({ name: "PYTHONPATH", value: "/tmp" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv the same name twice",
    values: env({ name: "MEDIA_ROOT", value: "/a" }, { name: "MEDIA_ROOT", value: "/b" }),
    key: "extraEnv",
  },
  // plain-text secrets
  {
    name: "extraEnv POSTGRES_PASSWORD as a plain value",
    values: env({ name: "POSTGRES_PASSWORD", value: "hunter2hunter2" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv FILE_STORAGE_DICT as a plain value (holds S3 keys)",
    values: env({ name: "FILE_STORAGE_DICT", value: '{"default":{}}' }),
    key: "extraEnv",
  },
  {
    name: "extraEnv AWS_SECRET_ACCESS_KEY as a plain value",
    values: env({ name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI/K7MDENG" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv SMTP_PASSWORD as a plain value",
    values: env({ name: "SMTP_PASSWORD", value: "hunter2" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv GITHUB_TOKEN as a plain value",
    values: env({ name: "GITHUB_TOKEN", value: "ghp_x" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv an API key as a plain value",
    values: env({ name: "STORAGE_API_KEY", value: "k" }),
    key: "extraEnv",
  },
  {
    name: "extraEnv a password from a ConfigMap (plain text at rest)",
    values: env({ name: "S3_PASSWORD", valueFrom: { configMapKeyRef: { name: "c", key: "k" } } }),
    key: "extraEnv",
  },
  {
    name: "extraEnv both value and valueFrom",
    values: env({ name: "MEDIA_ROOT", value: "/a", valueFrom: secretRef }),
    key: "extraEnv",
  },
  // resources
  {
    name: "resources with a nonsense CPU string",
    values: {
      database: db,
      resources: { requests: { cpu: "lots", memory: "1Gi" }, limits: { cpu: "lots", memory: "1Gi" } },
    },
    key: "resources",
  },
  {
    name: "resources with a memory string containing a space",
    values: { database: db, resources: { requests: { cpu: "1", memory: "1 GB" }, limits: { memory: "1 GB" } } },
    key: "resources",
  },
  {
    name: "resources with a typo key (limit:) leaves no limits",
    values: { database: db, resources: { requests: { cpu: "1", memory: "1Gi" }, limit: { cpu: "1", memory: "1Gi" } } },
    key: "resources",
  },
  {
    name: "resources with requests only (no memory limit)",
    values: { database: db, resources: { requests: { cpu: "1", memory: "1Gi" } } },
    key: "resources",
  },
  {
    name: "resources with a typo in a resource name (memroy)",
    values: { database: db, resources: { requests: { cpu: "1", memroy: "1Gi" }, limits: { memroy: "1Gi" } } },
    key: "resources",
  },
  {
    name: "resources with a negative CPU",
    values: { database: db, resources: { requests: { cpu: "-1", memory: "1Gi" }, limits: { memory: "1Gi" } } },
    key: "resources",
  },
  {
    name: "bootstrap.resources with a nonsense memory string",
    values: {
      database: db,
      bootstrap: { resources: { requests: { cpu: "250m", memory: "half" }, limits: { memory: "half" } } },
    },
    key: "bootstrap.resources",
  },
  {
    name: "postgresql.resources without limits",
    values: { postgresql: { enabled: true, resources: { limits: null } } },
    key: "postgresql.resources",
  },
  // names
  {
    name: "nameOverride with a dot (invalid Service name)",
    values: { database: db, nameOverride: "my.app" },
    key: "nameOverride",
  },
  {
    name: "fullnameOverride with a dot",
    values: { database: db, fullnameOverride: "mathesar.prod" },
    key: "fullnameOverride",
  },
  {
    name: "fullnameOverride starting with a digit (invalid Service name)",
    values: { database: db, fullnameOverride: "1mathesar" },
    key: "fullnameOverride",
  },
  { name: "nameOverride in capitals", values: { database: db, nameOverride: "Mathesar" }, key: "nameOverride" },
  // CIDRs
  {
    name: "networkPolicy.databaseCidrs with prefix /33",
    values: { database: db, networkPolicy: { databaseCidrs: ["10.0.0.0/33"] } },
    key: "networkPolicy.databaseCidrs",
  },
  {
    name: "networkPolicy.databaseCidrs with an octet of 300",
    values: { database: db, networkPolicy: { databaseCidrs: ["10.0.0.300/24"] } },
    key: "networkPolicy.databaseCidrs",
  },
  {
    name: "networkPolicy.databaseCidrs with a DNS name",
    values: { database: db, networkPolicy: { databaseCidrs: ["db.example.org/32"] } },
    key: "networkPolicy.databaseCidrs",
  },
  {
    name: "networkPolicy.databaseCidrs without a prefix",
    values: { database: db, networkPolicy: { databaseCidrs: ["10.0.0.5"] } },
    key: "networkPolicy.databaseCidrs",
  },
  {
    name: "networkPolicy.ingressFrom with an invalid ipBlock CIDR",
    values: { database: db, networkPolicy: { ingressFrom: [{ ipBlock: { cidr: "0.0.0.0/0/0" } }] } },
    key: "networkPolicy.ingressFrom",
  },
  {
    name: "networkPolicy.extraEgress with an invalid ipBlock CIDR",
    values: {
      database: db,
      networkPolicy: {
        extraEgress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/99"] } }], ports: [{ port: 5433 }] }],
      },
    },
    key: "networkPolicy.extraEgress",
  },
  {
    name: "networkPolicy.dnsCidrs with an invalid CIDR",
    values: { database: db, networkPolicy: { dnsCidrs: ["10.96.0.10/40"] } },
    key: "networkPolicy.dnsCidrs",
  },
  // security context
  { name: "a privileged container", values: withSecurity({ privileged: true }), key: "securityContext.privileged" },
  {
    name: "capability SYS_ADMIN added",
    values: withSecurity({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }),
    key: "securityContext.capabilities",
  },
  {
    name: "capability NET_RAW added",
    values: withSecurity({ capabilities: { drop: ["ALL"], add: ["NET_RAW"] } }),
    key: "securityContext.capabilities",
  },
  {
    name: "capabilities not dropping ALL",
    values: withSecurity({ capabilities: { drop: [] } }),
    key: "securityContext.capabilities",
  },
  {
    name: "allowPrivilegeEscalation true",
    values: withSecurity({ allowPrivilegeEscalation: true }),
    key: "securityContext.allowPrivilegeEscalation",
  },
  {
    name: "a writable root filesystem",
    values: withSecurity({ readOnlyRootFilesystem: false }),
    key: "securityContext.readOnlyRootFilesystem",
  },
  {
    name: "seccomp Unconfined in the container",
    values: withSecurity({ seccompProfile: { type: "Unconfined" } }),
    key: "securityContext.seccompProfile",
  },
  {
    name: "seccomp Unconfined in the pod",
    values: { database: db, podSecurityContext: { seccompProfile: { type: "Unconfined" } } },
    key: "podSecurityContext.seccompProfile",
  },
  { name: "procMount Unmasked", values: withSecurity({ procMount: "Unmasked" }), key: "securityContext.procMount" },
  // disruption budget
  {
    name: "PDB minAvailable equal to replicaCount (drains hang)",
    values: { database: db, replicaCount: 2, persistence: rwx, podDisruptionBudget: { minAvailable: 2 } },
    key: "podDisruptionBudget.minAvailable",
  },
  {
    name: "PDB minAvailable above replicaCount",
    values: { database: db, replicaCount: 2, persistence: rwx, podDisruptionBudget: { minAvailable: 3 } },
    key: "podDisruptionBudget.minAvailable",
  },
  {
    name: "PDB minAvailable equal to autoscaling.minReplicas",
    values: {
      database: db,
      persistence: rwx,
      autoscaling: { enabled: true, minReplicas: 2 },
      podDisruptionBudget: { minAvailable: 2 },
    },
    key: "podDisruptionBudget.minAvailable",
  },
  {
    name: "PDB minAvailable 100%",
    values: { database: db, replicaCount: 3, persistence: rwx, podDisruptionBudget: { minAvailable: "100%" } },
    key: "podDisruptionBudget.minAvailable",
  },
  {
    name: "PDB minAvailable a nonsense string",
    values: { database: db, replicaCount: 2, persistence: rwx, podDisruptionBudget: { minAvailable: "half" } },
    key: "podDisruptionBudget.minAvailable",
  },
  // database
  {
    name: "database.name postgres (the server's maintenance database)",
    values: { database: { ...db, name: "postgres" } },
    key: "database.name",
  },
  { name: "database.name template1", values: { database: { ...db, name: "template1" } }, key: "database.name" },
  { name: "database.port 0", values: { database: { ...db, port: 0 } }, key: "database.port" },
  { name: "database.host with a space", values: { database: { host: "db example" } }, key: "database.host" },
  { name: "database.user with capitals", values: { database: { ...db, user: "Admin" } }, key: "database.user" },
  // hosts and ingress
  { name: "extraAllowedHosts *", values: { database: db, extraAllowedHosts: ["*"] }, key: "extraAllowedHosts" },
  {
    name: "extraAllowedHosts with a comma (splits ALLOWED_HOSTS)",
    values: { database: db, extraAllowedHosts: ["a.example.org,*"] },
    key: "extraAllowedHosts",
  },
  {
    name: "ingress.host with a wildcard",
    values: { database: db, ingress: { host: "*.example.org" } },
    key: "ingress.host",
  },
  {
    name: "ingress.pathType Wild",
    values: { database: db, ingress: { host: PUBLIC_HOST, pathType: "Wild" } },
    key: "ingress.pathType",
  },
  {
    name: "service.type ExternalName",
    values: { database: db, service: { type: "ExternalName" } },
    key: "service.type",
  },
  { name: "service.port 70000", values: { database: db, service: { port: 70000 } }, key: "service.port" },
  // numbers and types
  { name: "replicaCount 0", values: { database: db, replicaCount: 0 }, key: "replicaCount" },
  { name: "replicaCount a string", values: { database: db, replicaCount: "two" }, key: "replicaCount" },
  { name: "webConcurrency 0", values: { database: db, webConcurrency: 0 }, key: "webConcurrency" },
  { name: "requestTimeoutSeconds 5", values: { database: db, requestTimeoutSeconds: 5 }, key: "requestTimeoutSeconds" },
  {
    name: "autoscaling.targetCPUUtilizationPercentage 150",
    values: { database: db, persistence: rwx, autoscaling: { enabled: true, targetCPUUtilizationPercentage: 150 } },
    key: "autoscaling.targetCPUUtilizationPercentage",
  },
  {
    name: "bootstrap.backoffLimit -1",
    values: { database: db, bootstrap: { backoffLimit: -1 } },
    key: "bootstrap.backoffLimit",
  },
  {
    name: "bootstrap.activeDeadlineSeconds 10",
    values: { database: db, bootstrap: { activeDeadlineSeconds: 10 } },
    key: "bootstrap.activeDeadlineSeconds",
  },
  {
    name: "persistence.size nonsense",
    values: { database: db, persistence: { size: "lots" } },
    key: "persistence.size",
  },
  {
    name: "persistence.accessMode unknown",
    values: { database: db, persistence: { accessMode: "ReadWriteMaybe" } },
    key: "persistence.accessMode",
  },
  { name: "image.digest not a sha256", values: { database: db, image: { digest: "sha256:abc" } }, key: "image.digest" },
  {
    name: "image.repository with a tag",
    values: { database: db, image: { repository: "mathesar/mathesar:latest" } },
    key: "image.repository",
  },
  {
    name: "image.pullPolicy Sometimes",
    values: { database: db, image: { pullPolicy: "Sometimes" } },
    key: "image.pullPolicy",
  },
  {
    name: "postgresql.image.tag 12 (unsupported major)",
    values: { postgresql: { enabled: true, image: { tag: "12" } } },
    key: "postgresql.image.tag",
  },
  {
    name: "admin.email not an address",
    values: { database: db, admin: { email: "not an email" } },
    key: "admin.email",
  },
  {
    name: "secretKey.existingSecret not a Kubernetes name",
    values: { database: db, secretKey: { existingSecret: "Bad_Name" } },
    key: "secretKey.existingSecret",
  },
  {
    name: "networkPolicy.enabled a string",
    values: { database: db, networkPolicy: { enabled: "yes" } },
    key: "networkPolicy.enabled",
  },
  {
    name: "a misspelt top-level value (ingres)",
    values: { database: db, ingres: { host: PUBLIC_HOST } },
    key: "ingres",
  },
  { name: "a misspelt nested value (database.hots)", values: { database: { ...db, hots: "x" } }, key: "database.hots" },
  {
    name: "podLabels overriding the chart's selector labels",
    values: { database: db, podLabels: { "app.kubernetes.io/instance": "other" } },
    key: "podLabels",
  },
  {
    name: "requireSsoLogin without an SSO configuration (locks everyone out or silently ignored)",
    values: { database: db, sso: { requireSsoLogin: true } },
    key: "sso.requireSsoLogin",
  },
];

/** `a.b` as helm's schema errors write it (`/a/b`), or for an unknown key `at '/a': additional properties 'b'`. */
const pointer = (key: string) => `/${key.replace(/\./g, "/")}`;
const namesKey = (stderr: string, key: string) => {
  const parent = key.includes(".") ? pointer(key.slice(0, key.lastIndexOf("."))) : "";
  return (
    stderr.includes(key) ||
    stderr.includes(pointer(key)) ||
    stderr.includes(`at '${parent}': additional properties '${key.split(".").pop()}'`)
  );
};

describeWithTool(
  "helm",
  HELM !== undefined,
  "hostile values are refused, with and without the schema, naming the value",
  () => {
    test("the table is large enough to mean something", () => {
      expect(HOSTILE.length).toBeGreaterThanOrEqual(60);
      expect(new Set(HOSTILE.map((h) => h.name)).size).toBe(HOSTILE.length);
    });

    test.each(HOSTILE.map((h) => [h.name, h] as const))("schema on: %s", (_name, hostile) => {
      const result = helmTemplate(hostile.values);
      expect({ status: result.status === 0 ? "rendered" : "refused" }).toEqual({ status: "refused" });
      const names = namesKey(result.stderr, hostile.key);
      expect({ stderr: result.stderr, namesTheValue: names }).toEqual({ stderr: result.stderr, namesTheValue: true });
    });

    test.each(HOSTILE.map((h) => [h.name, h] as const))("schema skipped: %s", (_name, hostile) => {
      const result = helmTemplate(hostile.values, ["--skip-schema-validation"]);
      expect({ status: result.status === 0 ? "rendered" : "refused" }).toEqual({ status: "refused" });
      expect(result.stderr).not.toContain("values don't meet the specifications of the schema");
      expect({ stderr: result.stderr, namesTheValue: result.stderr.includes(hostile.key) }).toEqual({
        stderr: result.stderr,
        namesTheValue: true,
      });
    });
  },
);
