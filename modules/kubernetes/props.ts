/** Props of the Kubernetes target: the shared contract plus what only a cluster needs. */
import type { ExistingDatabaseBaseProps, MathesarBaseProps } from "../mathesar";

/** A PostgreSQL server Mathesar's internal database lives on (any managed service or your own). */
export interface K8sExistingDatabaseProps extends ExistingDatabaseBaseProps {
  /**
   * Kubernetes Secret (in the release's namespace) holding the role's password.
   * @default - `<name>-database`, created from `password`
   */
  readonly passwordSecretName?: string;
  /**
   * The role's password as a reference to a secret (a sensitive `TerraformVariable`), never a literal: a
   * Secret `<name>-database` is created with it in the release's namespace, before the chart needs it. It
   * is then in Terraform state (marked sensitive). Give this or `passwordSecretName`.
   * @default - none
   */
  readonly password?: string;
  /**
   * Key of the password in that Secret.
   * @default "password"
   */
  readonly passwordSecretKey?: string;
  /**
   * Secret with the server's admin credentials (keys `username`, `password`): the bootstrap Job creates
   * Mathesar's role when missing and grants it its privileges. The web pods never see it.
   * @default - the role exists and is prepared (docs/existing-database.md)
   */
  readonly adminSecretName?: string;
  /**
   * The server's CA certificate(s), PEM, in a ConfigMap or Secret of the release's namespace (e.g. the RDS
   * regional bundle): mounted read-only and named by `PGSSLROOTCERT`; needed for `sslMode` `verify-ca` or
   * `verify-full`. libpq then also checks servers connected from Mathesar's UI with `require` against it.
   * @default - none: the server's certificate is not verified
   */
  readonly caCertificate?: K8sCaCertificateProps;
}

/** Where the database server's CA certificate is: exactly one of `configMapName` and `secretName`. */
export interface K8sCaCertificateProps {
  /** ConfigMap holding the PEM. @default - none */
  readonly configMapName?: string;
  /** Secret holding the PEM. @default - none */
  readonly secretName?: string;
  /** Key of the PEM. @default "ca.crt" */
  readonly key?: string;
}

/** Database choice: exactly one of `existing` (production) and `inCluster` (evaluation). */
export interface K8sDatabaseProps {
  /** A PostgreSQL you run. @default - none */
  readonly existing?: K8sExistingDatabaseProps;
  /**
   * A throwaway PostgreSQL StatefulSet inside the release, for evaluation only: no backups, no high
   * availability. Must be set explicitly.
   * @default - off
   */
  readonly inCluster?: { readonly evaluationOnly: true };
}

/** Mathesar's own SSO from a Kubernetes Secret. */
export interface K8sSsoProps {
  /** Secret holding Mathesar's SSO configuration JSON. */
  readonly secretName: string;
  /** Key of the JSON in the Secret. @default "SSO_CONFIG_DICT" */
  readonly key?: string;
  /** Require SSO for everyone. @default false */
  readonly requireSsoLogin?: boolean;
}

/** Props of `MathesarOnKubernetes`. */
export interface MathesarOnKubernetesProps extends Omit<MathesarBaseProps, "sso" | "secretKey"> {
  /** Where Mathesar keeps its own data; there is no default on a cluster. */
  readonly database: K8sDatabaseProps;
  /**
   * Namespace of the release.
   * @default "mathesar"
   */
  readonly namespace?: string;
  /**
   * Create the namespace (with the Pod Security `baseline` level enforced).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Path of the Mathesar chart as Terraform sees it (relative to the directory Terraform runs in).
   * @default "${path.module}/chart" — the copy shipped in the published module
   */
  readonly chartPath?: string;
  /** Ingress settings (the ingress is created when `domainName` is set). @default - the cluster's default class, no issuer */
  readonly ingress?: {
    /** IngressClass name. @default - the cluster default */
    readonly className?: string;
    /** cert-manager ClusterIssuer for the TLS certificate. @default - none: provide the TLS secret yourself */
    readonly clusterIssuer?: string;
    /** Namespace of the ingress controller: the NetworkPolicy admits only it. @default "ingress-nginx" */
    readonly controllerNamespace?: string;
  };
  /** Uploads volume. @default - 10 GiB ReadWriteOnce */
  readonly persistence?: {
    /** Size, e.g. "20Gi". @default "10Gi" */
    readonly size?: string;
    /** StorageClass. @default - the cluster default */
    readonly storageClass?: string;
    /** `ReadWriteMany` allows more than one replica. @default "ReadWriteOnce" */
    readonly accessMode?: "ReadWriteOnce" | "ReadWriteMany";
  };
  /** Web replicas (more than one needs `persistence.accessMode: ReadWriteMany`). @default 1 */
  readonly replicas?: number;
  /** Mathesar's own SSO. @default - off */
  readonly sso?: K8sSsoProps;
  /**
   * Refuse `terraform destroy` (and replacement) of the namespace and the release while true: deleting the
   * namespace deletes the SECRET_KEY Secret (which decrypts saved database passwords), uninstalling the
   * release deletes the uploads volume. Set false, apply, then destroy.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Extra chart values merged over the computed ones (escape hatch). @default {} */
  readonly values?: Record<string, unknown>;
}
