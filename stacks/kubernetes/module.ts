/**
 * terraform-kubernetes-mathesar: the Mathesar chart (shipped inside the module, in chart/) installed as a
 * Helm release. One building block, so the module is flat: a namespace and the release.
 */
import { Construct } from "constructs";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import {
  ADMIN_USERNAME_RULE,
  CONTRACT_DEFAULTS,
  CONTRACT_OUTPUTS,
  DATABASE_HOST_RULE,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_IMAGE_REPOSITORY,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  SIZE_RULE,
  SSL_MODE_WITH_CA_RULE,
  integerRangeRule,
  oneOfRule,
} from "../../modules/mathesar";
import { nameVariable, withSsoVersionCheck } from "../shared/contract-variables";
import { RESERVED_DATABASE_NAMES, reservedDatabaseNameMessage } from "../../modules/kubernetes/validate";
import {
  DEFAULT_CHART_PATH,
  K8S_NAME_RULE,
  K8S_RELEASE_NAME_MAX_LENGTH,
  K8S_RELEASE_NAME_RULE,
  MathesarHelmRelease,
  QUANTITY_RULE,
} from "../../modules/kubernetes";
import { ModuleStack } from "../../modules/terraform";
import { K8S_MODULE_PROVIDERS } from "./providers";

const EXISTING = "var.existing_database";

/** The chart values as one Terraform object expression (variables decide; nothing is known at synth). */
export const K8S_VALUES_EXPRESSION = [
  "fullnameOverride = var.name",
  // A version pinned by digest (0.11.0@sha256:...) becomes the chart's tag and digest.
  'image = { repository = var.image_repository, tag = split("@", var.mathesar_version)[0], digest = length(split("@", var.mathesar_version)) > 1 ? split("@", var.mathesar_version)[1] : "" }',
  "size = var.size",
  "replicaCount = var.replicas",
  "admin = { enabled = var.admin_enabled, username = var.admin_username, email = var.admin_email }",
  'persistence = { size = var.persistence_size, accessMode = var.persistence_access_mode, storageClass = var.storage_class == null ? "" : var.storage_class }',
  'ingress = { host = var.domain_name == null ? "" : var.domain_name, className = var.ingress_class_name == null ? "" : var.ingress_class_name, certManager = { clusterIssuer = var.cluster_issuer == null ? "" : var.cluster_issuer } }',
  'sso = { existingSecret = var.sso_secret_name == null ? "" : var.sso_secret_name, requireSsoLogin = var.require_sso_login }',
  "postgresql = { enabled = var.in_cluster_database }",
  "networkPolicy = { ingressControllerNamespace = var.ingress_controller_namespace }",
  // Both branches have the same shape, so Terraform keeps port a number (an unequal shape turns it into a string).
  `database = ${EXISTING} == null ? { host = "", port = 5432, name = "mathesar", user = "mathesar", sslMode = "require", existingSecret = "", passwordKey = "password", adminExistingSecret = "", caCertificate = { configMap = "", secret = "", key = "ca.crt" } } : { host = ${EXISTING}.host, port = ${EXISTING}.port, name = ${EXISTING}.database_name, user = ${EXISTING}.user, sslMode = ${EXISTING}.sslmode, existingSecret = ${EXISTING}.password_secret_name == null ? "\${var.name}-database" : ${EXISTING}.password_secret_name, passwordKey = ${EXISTING}.password_secret_name == null ? "password" : ${EXISTING}.password_secret_key, adminExistingSecret = ${EXISTING}.admin_secret_name == null ? "" : ${EXISTING}.admin_secret_name, caCertificate = { configMap = ${EXISTING}.ca_config_map == null ? "" : ${EXISTING}.ca_config_map, secret = ${EXISTING}.ca_secret == null ? "" : ${EXISTING}.ca_secret, key = ${EXISTING}.ca_key } }`,
].join(", ");
// (`coalesce(x, "")` fails when x is null: coalesce skips empty strings, so the nulls are mapped by hand.)

/** The published Kubernetes module. */
export class K8sRootModule extends ModuleStack {
  public readonly description =
    "Mathesar on any Kubernetes cluster: the Mathesar Helm chart (shipped in chart/) installed atomically with a bootstrap hook Job for migrations and the first admin, an Ingress with cert-manager TLS, uploads on a PersistentVolumeClaim, a NetworkPolicy and a Pod Security baseline namespace. Bring your PostgreSQL (any managed service) through a Kubernetes Secret.";

  constructor(scope: Construct, id: string) {
    super(scope, id, K8S_MODULE_PROVIDERS);
    new KubernetesProvider(this, "kubernetes", {});
    new HelmProvider(this, "helm", {});
    const vars = this.variables({
      name: nameVariable(K8S_RELEASE_NAME_RULE, K8S_RELEASE_NAME_MAX_LENGTH, "Release name and prefix of every object"),
      namespace: { type: "string", description: "Namespace of the release.", default: "mathesar", rule: K8S_NAME_RULE },
      create_namespace: {
        type: "bool",
        description: "Create the namespace with the Pod Security baseline level enforced.",
        default: true,
      },
      domain_name: {
        type: "string",
        description: "Host name of the Ingress, e.g. mathesar.example.org; null: no Ingress (port-forward).",
        default: null,
        rule: DOMAIN_NAME_RULE,
      },
      ingress_class_name: {
        type: "string",
        description: "IngressClass; null uses the cluster default.",
        default: null,
      },
      cluster_issuer: {
        type: "string",
        description: "cert-manager ClusterIssuer for the TLS certificate; null: provide the TLS Secret yourself.",
        default: null,
      },
      mathesar_version: {
        type: "string",
        description: "Mathesar release (image tag). Never 'latest'.",
        default: DEFAULT_MATHESAR_VERSION,
        rule: MATHESAR_VERSION_RULE,
      },
      image_repository: {
        type: "string",
        description: "Image repository (a private mirror for air-gapped clusters).",
        default: MATHESAR_IMAGE_REPOSITORY,
        rule: IMAGE_REPOSITORY_RULE,
      },
      size: {
        type: "string",
        description: "small, medium or large: CPU/memory requests and limits and gunicorn workers.",
        default: DEFAULT_SIZE,
        rule: SIZE_RULE,
      },
      replicas: {
        type: "number",
        description: "Web replicas; more than 1 needs persistence_access_mode = ReadWriteMany.",
        default: 1,
        rule: integerRangeRule(1, 20),
      },
      persistence_size: {
        type: "string",
        description: "Size of the uploads volume.",
        default: "10Gi",
        rule: QUANTITY_RULE,
      },
      persistence_access_mode: {
        type: "string",
        description: "ReadWriteOnce (one pod) or ReadWriteMany (several).",
        default: "ReadWriteOnce",
        rule: oneOfRule(["ReadWriteOnce", "ReadWriteMany"]),
      },
      storage_class: {
        type: "string",
        description: "StorageClass of the uploads volume; null uses the cluster default.",
        default: null,
      },
      existing_database: {
        type: 'object({ host = string, port = optional(number, 5432), database_name = optional(string, "mathesar"), user = optional(string, "mathesar"), sslmode = optional(string, "require"), password_secret_name = optional(string), password_secret_key = optional(string, "password"), admin_secret_name = optional(string), ca_config_map = optional(string), ca_secret = optional(string), ca_key = optional(string, "ca.crt") })',
        description:
          "The PostgreSQL Mathesar's internal database lives on. The password: password_secret_name, a Secret already in the namespace, or existing_database_password (the module then creates <name>-database). admin_secret_name (keys username/password) lets the bootstrap create the role. sslmode becomes libpq's PGSSLMODE; verify-ca/verify-full need the server's CA certificate (PEM) in ca_config_map or ca_secret (key ca_key), mounted read-only. See docs/existing-database.md and docs/supabase.md. Null only with in_cluster_database.",
        default: null,
        validations: [
          {
            condition: `\${${EXISTING} == null ? true : !contains(${JSON.stringify(RESERVED_DATABASE_NAMES)}, ${EXISTING}.database_name)}`,
            errorMessage: reservedDatabaseNameMessage(
              "existing_database.database_name",
              `\${jsonencode(${EXISTING}.database_name)}`,
            ),
          },
          {
            condition: `\${${EXISTING} == null ? true : (${DATABASE_HOST_RULE.condition(`${EXISTING}.host`)} && ${SSL_MODE_WITH_CA_RULE.condition(`${EXISTING}.sslmode`)})}`,
            errorMessage: `Invalid existing_database: host must be ${DATABASE_HOST_RULE.allowed}, and sslmode ${SSL_MODE_WITH_CA_RULE.allowed}.`,
          },
          {
            condition: `\${${EXISTING} == null ? true : (!contains(["verify-ca", "verify-full"], ${EXISTING}.sslmode) || ${EXISTING}.ca_config_map != null || ${EXISTING}.ca_secret != null) && !(${EXISTING}.ca_config_map != null && ${EXISTING}.ca_secret != null)}`,
            errorMessage:
              "Invalid existing_database: sslmode verify-ca or verify-full needs the server's CA certificate in ca_config_map or ca_secret (one of them): libpq verifies the server against it.",
          },
        ],
      },
      existing_database_password: {
        type: "string",
        description:
          "Password of existing_database.user, when no password_secret_name is given: the module creates the Secret <name>-database in the namespace (the password is then in Terraform state, marked sensitive). Set it from a secret store (TF_VAR_existing_database_password).",
        default: null,
        sensitive: true,
        validations: [
          {
            condition: `\${${EXISTING} == null ? true : ((${EXISTING}.password_secret_name == null) != (var.existing_database_password == null))}`,
            errorMessage:
              "Invalid existing_database_password: give exactly one of existing_database.password_secret_name and existing_database_password.",
          },
        ],
      },
      ingress_controller_namespace: {
        type: "string",
        description: "Namespace of the ingress controller; the NetworkPolicy admits only it to Mathesar's port.",
        default: "ingress-nginx",
        rule: K8S_NAME_RULE,
      },
      in_cluster_database: {
        type: "bool",
        description: "A throwaway in-cluster PostgreSQL for evaluation only (no backups).",
        default: false,
        validations: [
          {
            condition: `\${(${EXISTING} == null) != (var.in_cluster_database == false)}`,
            errorMessage:
              "Invalid in_cluster_database: give exactly one of existing_database (production) and in_cluster_database = true (evaluation only).",
          },
        ],
      },
      deletion_protection: {
        type: "bool",
        description:
          "Refuse terraform destroy (and replacement) of the namespace and the release while true: deleting the namespace deletes the Secret holding SECRET_KEY (it decrypts the saved database passwords), uninstalling deletes the uploads volume. Back up SECRET_KEY, set false, apply, then destroy.",
        default: true,
      },
      admin_enabled: {
        type: "bool",
        description:
          "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
        default: true,
      },
      admin_username: {
        type: "string",
        description: "Username of the first admin.",
        default: CONTRACT_DEFAULTS.adminUsername,
        rule: ADMIN_USERNAME_RULE,
      },
      admin_email: {
        type: "string",
        description: "E-mail stored on the first admin's account.",
        default: CONTRACT_DEFAULTS.adminEmail,
        rule: OPTIONAL_EMAIL_RULE,
      },
      sso_secret_name: withSsoVersionCheck("sso_secret_name", {
        type: "string",
        description:
          "Secret holding Mathesar's SSO configuration JSON (key SSO_CONFIG_DICT); null: password login only.",
        default: null,
      }),
      require_sso_login: withSsoVersionCheck(
        "require_sso_login",
        {
          type: "bool",
          description: "Require Mathesar's SSO for everyone (needs sso_secret_name).",
          default: false,
          validations: [
            {
              condition: "${!var.require_sso_login || var.sso_secret_name != null}",
              errorMessage:
                "Invalid require_sso_login true without an SSO configuration: Mathesar would keep password login and only log a warning.",
            },
          ],
        },
        "var.require_sso_login",
      ),
    });
    const release = new MathesarHelmRelease(this, "Release", {
      name: "${var.name}",
      namespace: "${var.namespace}",
      createNamespace: true,
      chartPath: DEFAULT_CHART_PATH,
      values: {},
      valuesExpression: `\${jsonencode({ ${K8S_VALUES_EXPRESSION} })}`,
      databasePassword: vars.existing_database_password.stringValue,
      databasePasswordSecretName: "${var.name}-database",
      deletionProtection: "${var.deletion_protection}",
      // The namespace has a count here: the guard is replaced with its uid when Terraform owns it.
      namespaceIdentity: "${var.create_namespace ? one(kubernetes_namespace.this[*].metadata[0].uid) : var.namespace}",
    });
    release.databasePasswordSecret!.addOverride("count", "${var.existing_database_password == null ? 0 : 1}");
    // The namespace follows a variable here.
    release.namespace!.addOverride("count", "${var.create_namespace ? 1 : 0}");
    const namespaceExpression =
      "${var.create_namespace ? one(kubernetes_namespace.this[*].metadata[0].name) : var.namespace}";
    release.release.addOverride("namespace", namespaceExpression);
    release.databasePasswordSecret!.addOverride("metadata.namespace", namespaceExpression);
    this.outputs({
      [CONTRACT_OUTPUTS.url.name]: {
        value:
          '${var.domain_name == null ? "http://${var.name}.${var.namespace}.svc.cluster.local/" : "https://${var.domain_name}/"}',
        description: CONTRACT_OUTPUTS.url.description,
      },
      [CONTRACT_OUTPUTS.adminUsername.name]: {
        value: '${var.admin_enabled ? var.admin_username : ""}',
        description: CONTRACT_OUTPUTS.adminUsername.description,
      },
      [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
        value: "kubectl -n ${var.namespace} get secret ${var.name}-admin -o jsonpath='{.data.password}' | base64 -d",
        description: CONTRACT_OUTPUTS.adminPasswordLocation.description,
      },
      [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
        value: `\${${EXISTING} == null ? "\${var.name}-postgresql.\${var.namespace}.svc:5432" : "\${${EXISTING}.host}:\${${EXISTING}.port}"}`,
        description: CONTRACT_OUTPUTS.databaseEndpoint.description,
      },
      [CONTRACT_OUTPUTS.logs.name]: {
        value: "kubectl -n ${var.namespace} logs deployment/${var.name}",
        description: CONTRACT_OUTPUTS.logs.description,
      },
      release_status: { value: "${helm_release.this.status}", description: "Status of the Helm release." },
    });
  }
}
