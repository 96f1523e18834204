/**
 * The Kubernetes input matrix, as construct props: the parity test (__tests__/parity/kubernetes.test.ts)
 * plans both flavours with each, chart-values.test.ts renders each with the real chart.
 */
import { PASSWORD } from "./bad-input-cases";

/** The matrix: the inputs, as construct props. */
export const MATRIX: Record<string, Record<string, unknown>> = {
  "evaluation database, every default": { database: { inCluster: { evaluationOnly: true } } },
  "existing database through a Secret, a domain with cert-manager": {
    domainName: "data.example.org",
    ingress: { clusterIssuer: "letsencrypt", className: "nginx" },
    database: { existing: { host: "db.example.org", passwordSecretName: "mathesar-database" } },
  },
  "existing database with a password reference, verify-full against a CA, an admin Secret": {
    database: {
      existing: {
        host: "db.example.org",
        port: 6543,
        databaseName: "mathesar_internal",
        user: "mathesar_app",
        sslMode: "verify-full",
        password: PASSWORD,
        adminSecretName: "db-admin",
        caCertificate: { configMapName: "rds-ca", key: "global-bundle.pem" },
      },
    },
  },
  "a pooler login with a dot, no admin Secret": {
    database: {
      existing: {
        host: "aws-0-eu-central-1.pooler.supabase.com",
        user: "mathesar.abcdefghij",
        passwordSecretName: "db",
      },
    },
  },
  "size medium": {
    size: "medium",
    database: { existing: { host: "10.0.0.5", passwordSecretName: "mathesar.db", passwordSecretKey: "pw" } },
  },
  "size large, three replicas on ReadWriteMany uploads": {
    size: "large",
    replicas: 3,
    persistence: { accessMode: "ReadWriteMany", size: "50Gi", storageClass: "efs" },
    database: { existing: { host: "db.example.org", passwordSecretName: "db" } },
  },
  "SSO on and required": {
    sso: { secretName: "mathesar-sso", key: "sso.json", requireSsoLogin: true },
    database: { existing: { host: "db.example.org", passwordSecretName: "db" } },
  },
  "the user's namespace, protection off, no first admin": {
    name: "tools-mathesar",
    namespace: "tools",
    createNamespace: false,
    deletionProtection: false,
    admin: { enabled: false },
    ingress: { controllerNamespace: "traefik" },
    database: { inCluster: { evaluationOnly: true } },
  },
  "a version pinned by digest from a mirror": {
    mathesarVersion: `0.11.0@sha256:${"ab".repeat(32)}`,
    imageRepository: "registry.example.org/mirror/mathesar",
    admin: { username: "root-admin", email: "ops@example.org" },
    database: { existing: { host: "db.example.org", passwordSecretName: "db" } },
  },
};
