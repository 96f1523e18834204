/**
 * The Kubernetes target's defaults, written once: the composite reads them for a prop left out, the
 * published module's variables (settings.ts) declare them as `default`, and the `existing_database` type's
 * `optional(...)` defaults come from here too.
 */
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  type MathesarSize,
  type PostgresSslModeWithCa,
} from "../mathesar";

/** Where a release's chart is by default: the copy shipped inside the published module. */
export const DEFAULT_CHART_PATH = "${path.module}/chart";

/** Defaults of `MathesarOnKubernetesProps`, by prop. */
export const K8S_DEFAULTS = {
  /** `name`: release name and object prefix. */
  name: CONTRACT_DEFAULTS.name,
  /** `namespace`. */
  namespace: "mathesar",
  /** `createNamespace`. */
  createNamespace: true,
  /** `chartPath`. */
  chartPath: DEFAULT_CHART_PATH,
  /** `mathesarVersion`. */
  mathesarVersion: DEFAULT_MATHESAR_VERSION,
  /** `imageRepository`. */
  imageRepository: MATHESAR_IMAGE_REPOSITORY,
  /** `size`. */
  size: DEFAULT_SIZE as MathesarSize,
  /** `replicas`. */
  replicas: 1,
  /** `persistence.size`. */
  persistenceSize: "10Gi",
  /** `persistence.accessMode`. */
  persistenceAccessMode: "ReadWriteOnce" as "ReadWriteOnce" | "ReadWriteMany",
  /** `ingress.controllerNamespace`. */
  ingressControllerNamespace: "ingress-nginx",
  /** `deletionProtection`. */
  deletionProtection: true,
  /** `admin.enabled`. */
  adminEnabled: true,
  /** `admin.username`. */
  adminUsername: CONTRACT_DEFAULTS.adminUsername,
  /** `admin.email`. */
  adminEmail: CONTRACT_DEFAULTS.adminEmail,
  /** `sso.key`. */
  ssoKey: "SSO_CONFIG_DICT",
  /** `sso.requireSsoLogin`. */
  requireSsoLogin: false,
  /** `database.existing.port`. */
  databasePort: CONTRACT_DEFAULTS.databasePort,
  /** `database.existing.databaseName`. */
  databaseName: CONTRACT_DEFAULTS.databaseName,
  /** `database.existing.user`. */
  databaseUser: CONTRACT_DEFAULTS.databaseUser,
  /** `database.existing.sslMode`. */
  sslMode: CONTRACT_DEFAULTS.sslMode as PostgresSslModeWithCa,
  /** `database.existing.passwordSecretKey`. */
  passwordSecretKey: "password",
  /** `database.existing.caCertificate.key`. */
  caKey: "ca.crt",
} as const;
