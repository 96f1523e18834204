/**
 * A Compose bundle: every file of it, generated from the Mathesar contract. {@link composeBundleFiles} is the
 * one entry point (`npm run synth` writes the committed bundles under deploy/; the DigitalOcean Marketplace
 * image installs one). Paths are relative to the bundle's folder, and stable:
 *
 * | path | what |
 * |---|---|
 * | `docker-compose.yml` | the services, volumes and networks |
 * | `.env.example` | every setting; `generate-secrets.sh` copies it to `.env` and fills the secrets |
 * | `generate-secrets.sh` | the one-line secret generator (`bash generate-secrets.sh`) |
 * | `backup.sh`, `restore.sh` | database + uploads + `.env` backup, and its restore |
 * | `mathesar/bootstrap.py` | the headless first admin and locked migrations (the contract's program) |
 * | `mathesar/local.py` | Mathesar settings override: its outbound reports go nowhere |
 * | `Caddyfile` | edge `caddy` |
 * | `nginx/start.sh`, `nginx/http.conf.template`, `nginx/https.conf.template`, `issue-certificate.sh` | edge `nginx` |
 * | `certs/README.md` | with a CA or TLS files: which files go into `certs/` |
 * | `README.md` | what the folder is, and where the guide is |
 */
import { ADMIN_BOOTSTRAP_SCRIPT } from "../mathesar/admin-bootstrap";
import { renderBackupScript, renderRestoreScript } from "./backup-scripts";
import { renderComposeCaddyfile } from "./caddyfile";
import { BUNDLE_PATHS, renderComposeFile } from "./compose-file";
import { renderEnvExample } from "./env-file";
import {
  NGINX_FILES,
  renderIssueCertificateScript,
  renderNginxHttpTemplate,
  renderNginxHttpsTemplate,
  renderNginxStartScript,
} from "./nginx";
import { type ComposeBundleOptions, type ResolvedComposeOptions, resolveComposeOptions } from "./options";
import { renderLocalSettings } from "./outbound";
import { renderSecretsScript } from "./secrets-script";

/** Bundle-relative paths of the scripts (run with bash from the bundle's folder). */
export const BUNDLE_SCRIPTS = {
  generateSecrets: "generate-secrets.sh",
  backup: "backup.sh",
  restore: "restore.sh",
} as const;

function certsReadme(options: ResolvedComposeOptions): string {
  return [
    "# certs/",
    "",
    "Files this bundle mounts from here (PEM; none of them is generated):",
    "",
    ...(options.caCertificate
      ? [
          `- \`ca.pem\`: your CA's certificate(s). Mathesar verifies the database server against it (\`PGSSLROOTCERT\`,`,
          `  sslmode ${options.database?.sslMode ?? "disable"}) and Python's requests trusts it for SSO (\`REQUESTS_CA_BUNDLE\`).`,
        ]
      : []),
    ...(options.tls === "files"
      ? [
          "- `mathesar.crt`: the certificate for DOMAIN_NAME, followed by its intermediates (full chain).",
          "- `mathesar.key`: its private key (unencrypted; `chmod 600`).",
        ]
      : []),
    "",
    "Guide: docs/docker.md of the project that generated this bundle.",
    "",
  ].join("\n");
}

function readme(options: ResolvedComposeOptions): string {
  return [
    "# Mathesar with Docker Compose",
    "",
    "Generated from the project's Mathesar contract (modules/compose); the guide is docs/docker.md.",
    "",
    "```sh",
    "bash generate-secrets.sh      # creates .env and fills its secrets, once; then set DOMAIN_NAME in .env",
    // Before the first start, everything the folder cannot know (a new person reads only this file).
    ...(options.database
      ? [
          "# in .env, also your PostgreSQL server: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD",
        ]
      : []),
    ...(options.caCertificate || options.tls === "files"
      ? ["# and your PEM files in certs/ (certs/README.md lists them)"]
      : []),
    ...(options.edge === "nginx"
      ? ["docker compose up -d", "bash issue-certificate.sh     # the first Let's Encrypt certificate"]
      : ["docker compose up -d"]),
    "grep ADMIN_PASSWORD .env      # sign in as admin at https://DOMAIN_NAME/",
    "```",
    "",
  ].join("\n");
}

/**
 * Every file of a Compose bundle, by bundle-relative path. Throws {@link MathesarInputError} for a bad option,
 * naming it, its value and what is allowed.
 */
export function composeBundleFiles(options: ComposeBundleOptions = {}): Record<string, string> {
  const resolved = resolveComposeOptions(options);
  const files: Record<string, string> = {
    [BUNDLE_PATHS.composeFile]: renderComposeFile(resolved),
    [BUNDLE_PATHS.envExample]: renderEnvExample(resolved),
    [BUNDLE_SCRIPTS.generateSecrets]: renderSecretsScript(resolved),
    [BUNDLE_SCRIPTS.backup]: renderBackupScript(resolved),
    [BUNDLE_SCRIPTS.restore]: renderRestoreScript(resolved),
    [BUNDLE_PATHS.bootstrap]: ADMIN_BOOTSTRAP_SCRIPT,
    [BUNDLE_PATHS.localSettings]: renderLocalSettings(),
    "README.md": readme(resolved),
  };
  if (resolved.edge === "caddy") files[BUNDLE_PATHS.caddyfile] = renderComposeCaddyfile(resolved.tls);
  else {
    files[NGINX_FILES.start] = renderNginxStartScript();
    files[NGINX_FILES.httpTemplate] = renderNginxHttpTemplate();
    files[NGINX_FILES.httpsTemplate] = renderNginxHttpsTemplate();
    files[NGINX_FILES.issueCertificate] = renderIssueCertificateScript();
  }
  if (resolved.caCertificate || resolved.tls === "files") files["certs/README.md"] = certsReadme(resolved);
  return files;
}

/** The bundles committed under deploy/ (folder → options), each regenerated by `npm run synth`. */
export const COMMITTED_BUNDLES: Readonly<Record<string, ComposeBundleOptions>> = {
  // Alex: one VPS, automatic HTTPS by Caddy, the evaluation database.
  "deploy/compose": {},
  // Alex's alternative: nginx and certbot.
  "deploy/compose-nginx": { edge: "nginx" },
  // Harper: an existing PostgreSQL verified against her CA, her certificate for Caddy, SSO through OIDC.
  "deploy/compose-airgapped": {
    evaluationDatabase: false,
    database: { host: "postgres.example.org", sslMode: "verify-full" },
    caCertificate: true,
    tls: "files",
    sso: true,
  },
};

/** Every committed bundle's files, by repository-relative path (the FILE_GENERATORS entry). */
export function committedBundleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [folder, options] of Object.entries(COMMITTED_BUNDLES)) {
    for (const [relative, content] of Object.entries(composeBundleFiles(options)))
      files[`${folder}/${relative}`] = content;
  }
  return files;
}
