/**
 * The value matrix every chart test tier runs: each entry is a way people install Mathesar, with the set of
 * object kinds it must render (so a PodDisruptionBudget or an autoscaler that appears where it should not
 * fails a test).
 */

/** The external database every entry without the in-cluster database uses. */
export const DB_HOST = "db.example.internal";
/** The public host of entries with an ingress. */
export const PUBLIC_HOST = "mathesar.example.org";
/** A pooler login with a dot, as Supabase's session pooler wants it (`<role>.<project-ref>`). */
export const POOLER_USER = "mathesar.abcdefghijklmnopqrst";

export interface MatrixEntry {
  /** What the entry stands for. */
  readonly name: string;
  /** Values passed to helm (merged over values.yaml). */
  readonly values: Record<string, unknown>;
  /** Exactly the kinds rendered, sorted. */
  readonly kinds: readonly string[];
}

// Pod: the `helm test` hook (templates/tests/).
const BASE_KINDS = [
  "ConfigMap",
  "Deployment",
  "Job",
  "NetworkPolicy",
  "PersistentVolumeClaim",
  "Pod",
  "Secret",
  "Service",
  "ServiceAccount",
];
const kinds = (...extra: string[]) => [...new Set([...BASE_KINDS, ...extra])].sort();
const without = (list: string[], ...removed: string[]) => list.filter((kind) => !removed.includes(kind));
const external = { host: DB_HOST };
const rwx = { accessMode: "ReadWriteMany", storageClass: "nfs-client" };

export const MATRIX: readonly MatrixEntry[] = [
  { name: "defaults (a database host is the only required value)", values: { database: external }, kinds: kinds() },
  {
    name: "external database and existing secrets (the production path)",
    values: {
      database: {
        ...external,
        port: 6432,
        existingSecret: "mathesar-db",
        passwordKey: "db-password",
        adminExistingSecret: "pg-admin",
        sslMode: "require",
      },
      secretKey: { existingSecret: "mathesar-secret-key", key: "django-secret-key" },
      admin: { existingSecret: "mathesar-admin", passwordKey: "admin-password", email: "admin@example.org" },
      ingress: { host: PUBLIC_HOST, className: "nginx" },
    },
    // No Secret: every one already exists.
    kinds: kinds("Ingress").filter((kind) => kind !== "Secret"),
  },
  {
    name: "generated secrets (SECRET_KEY, admin password, database password with an admin secret)",
    values: { database: { ...external, adminExistingSecret: "pg-admin" } },
    kinds: kinds(),
  },
  {
    name: "in-cluster PostgreSQL (evaluation only)",
    values: { postgresql: { enabled: true } },
    kinds: without(kinds("StatefulSet"), "Job"),
  },
  {
    name: "ingress with cert-manager",
    values: {
      database: external,
      ingress: {
        host: PUBLIC_HOST,
        extraHosts: ["data.example.org"],
        className: "nginx",
        certManager: { clusterIssuer: "letsencrypt-prod" },
        annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "500m" },
      },
    },
    kinds: kinds("Ingress"),
  },
  {
    name: "no ingress (a host routed by the user's own gateway)",
    values: { database: external, ingress: { enabled: false, host: PUBLIC_HOST } },
    kinds: kinds(),
  },
  {
    name: "autoscaling with ReadWriteMany uploads",
    values: {
      database: external,
      persistence: rwx,
      autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6, targetMemoryUtilizationPercentage: 80 },
    },
    kinds: kinds("HorizontalPodAutoscaler", "PodDisruptionBudget"),
  },
  {
    name: "two replicas with ReadWriteMany uploads",
    values: { database: external, replicaCount: 2, persistence: rwx },
    kinds: kinds("PodDisruptionBudget"),
  },
  {
    name: "networkPolicy off",
    values: { database: external, networkPolicy: { enabled: false } },
    kinds: without(kinds(), "NetworkPolicy"),
  },
  { name: "size large", values: { database: external, size: "large" }, kinds: kinds() },
  {
    name: "SSO from an existing secret",
    values: {
      database: external,
      sso: { existingSecret: "mathesar-sso", requireSsoLogin: true },
      ingress: { host: PUBLIC_HOST },
    },
    kinds: kinds("Ingress"),
  },
  { name: "admin disabled", values: { database: external, admin: { enabled: false } }, kinds: kinds() },
  {
    name: "pooler login with a dot (Supabase session pooler)",
    values: { database: { ...external, user: POOLER_USER, existingSecret: "mathesar-db" } },
    kinds: kinds(),
  },
  {
    name: "uploads on an existing claim",
    values: { database: external, persistence: { existingClaim: "mathesar-uploads" } },
    kinds: without(kinds(), "PersistentVolumeClaim"),
  },
];

/** The entry of the given name (throws on a typo). */
export function entry(name: string): MatrixEntry {
  const found = MATRIX.find((e) => e.name.startsWith(name));
  if (!found) throw new Error(`no matrix entry starts with "${name}"`);
  return found;
}
