/**
 * `MathesarOnKubernetes`: the Mathesar Helm chart (charts/mathesar) installed on any cluster with the helm
 * and kubernetes providers — EKS, GKE, DigitalOcean Kubernetes or your own. The database is one you run
 * (for example a cloud target's managed database block) or, for evaluation only, an in-cluster PostgreSQL.
 */
import { Construct } from "constructs";
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  MathesarOutputs,
  splitVersionDigest,
} from "../mathesar";
import type { MathesarOnKubernetesProps } from "./props";
import { MathesarHelmRelease } from "./release";
import { validateKubernetesProps } from "./validate";

/** Where a release's chart is by default: the copy shipped inside the published module. */
export const DEFAULT_CHART_PATH = "${path.module}/chart";

/** Deep-merges `override` into `base` (objects only; arrays and values replace). */
export function mergeValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] =
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current &&
      typeof current === "object" &&
      !Array.isArray(current)
        ? mergeValues(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return result;
}

/** The chart's `image.tag` and `image.digest` for a version (`0.11.0@sha256:...` pins the digest). */
function imageTagAndDigest(version: string): { tag: string; digest: string } {
  const { tag, digest } = splitVersionDigest(version);
  return { tag, digest: digest ?? "" };
}

/** The chart values for the props (what `helm install -f` would get). */
export function mathesarChartValues(props: MathesarOnKubernetesProps): Record<string, unknown> {
  const name = props.name ?? CONTRACT_DEFAULTS.name;
  const existing = props.database.existing;
  const values: Record<string, unknown> = {
    // The release name is the resource prefix: objects are called <name>, <name>-admin, ...
    fullnameOverride: name,
    // A version pinned by digest becomes the chart's tag and digest (`repository:tag@digest`).
    image: {
      repository: props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
      ...imageTagAndDigest(props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION),
    },
    size: props.size ?? DEFAULT_SIZE,
    replicaCount: props.replicas ?? 1,
    admin: {
      enabled: props.admin?.enabled ?? true,
      username: props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername,
      email: props.admin?.email ?? CONTRACT_DEFAULTS.adminEmail,
    },
    persistence: {
      size: props.persistence?.size ?? "10Gi",
      accessMode: props.persistence?.accessMode ?? "ReadWriteOnce",
      storageClass: props.persistence?.storageClass ?? "",
    },
    ingress: {
      host: props.domainName ?? "",
      className: props.ingress?.className ?? "",
      certManager: { clusterIssuer: props.ingress?.clusterIssuer ?? "" },
    },
    networkPolicy: { ingressControllerNamespace: props.ingress?.controllerNamespace ?? "ingress-nginx" },
    sso: {
      existingSecret: props.sso?.secretName ?? "",
      key: props.sso?.key ?? "SSO_CONFIG_DICT",
      requireSsoLogin: props.sso?.requireSsoLogin ?? false,
    },
    postgresql: { enabled: props.database.inCluster !== undefined },
    database: existing
      ? {
          host: existing.host,
          port: existing.port ?? CONTRACT_DEFAULTS.databasePort,
          name: existing.databaseName ?? CONTRACT_DEFAULTS.databaseName,
          user: existing.user ?? CONTRACT_DEFAULTS.databaseUser,
          sslMode: existing.sslMode ?? CONTRACT_DEFAULTS.sslMode,
          existingSecret: existing.passwordSecretName ?? `${name}-database`,
          passwordKey: existing.passwordSecretKey ?? "password",
          adminExistingSecret: existing.adminSecretName ?? "",
          caCertificate: {
            configMap: existing.caCertificate?.configMapName ?? "",
            secret: existing.caCertificate?.secretName ?? "",
            key: existing.caCertificate?.key ?? "ca.crt",
          },
        }
      : { host: "" },
  };
  return mergeValues(values, props.values ?? {});
}

/** Mathesar on any Kubernetes cluster. */
export class MathesarOnKubernetes extends Construct {
  /** The Helm release block. */
  public readonly release: MathesarHelmRelease;
  /** The chart values the release was given. */
  public readonly values: Record<string, unknown>;
  /** The contract outputs. */
  public readonly outputs: MathesarOutputs;

  constructor(scope: Construct, id: string, props: MathesarOnKubernetesProps) {
    super(scope, id);
    validateKubernetesProps(props);
    const name = props.name ?? CONTRACT_DEFAULTS.name;
    const namespace = props.namespace ?? "mathesar";
    this.values = mathesarChartValues(props);
    this.release = new MathesarHelmRelease(this, "Release", {
      name,
      namespace,
      createNamespace: props.createNamespace ?? true,
      chartPath: props.chartPath ?? DEFAULT_CHART_PATH,
      values: this.values,
      databasePassword: props.database.existing?.password,
      databasePasswordSecretName: `${name}-database`,
      deletionProtection: props.deletionProtection ?? true,
    });
    const existing = props.database.existing;
    this.outputs = {
      url: props.domainName
        ? `https://${props.domainName}/`
        : `http://${name}.${namespace}.svc.cluster.local/ (kubectl -n ${namespace} port-forward service/${name} 8080:80)`,
      adminUsername: props.admin?.enabled === false ? "" : (props.admin?.username ?? CONTRACT_DEFAULTS.adminUsername),
      adminPasswordLocation: `kubectl -n ${namespace} get secret ${name}-admin -o jsonpath='{.data.password}' | base64 -d`,
      databaseEndpoint: existing
        ? `${existing.host}:${existing.port ?? CONTRACT_DEFAULTS.databasePort}`
        : `${name}-postgresql.${namespace}.svc:5432`,
      logs: `kubectl -n ${namespace} logs deployment/${name} (bootstrap: kubectl -n ${namespace} logs job/${name}-bootstrap)`,
    };
  }
}
