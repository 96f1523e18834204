/**
 * The one place the Marketplace image meets the Compose bundle (modules/compose, generated into
 * deploy/compose/): which folder the image copies, and the bundle's conventions the image's scripts rely on.
 * The image installs the bundle as it is and runs its own secret generator; only the first phase (no domain
 * yet) adds a Compose override beside it.
 */
import { CONTENT_SECURITY_POLICY } from "../compose/outbound";

/** The bundle's Content-Security-Policy (it stops Mathesar's release check); the IP-phase Caddyfile sends it too. */
export const BUNDLE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

/** Repository folder of the generated bundle the image installs (relative to the repository root). */
export const COMPOSE_BUNDLE_DIR = "deploy/compose";

/** The bundle's conventions (file names, `.env` variables, services) the image's scripts use. */
export const COMPOSE_BUNDLE = {
  /** Settings with their defaults, copied to `.env` by the secret generator. */
  envExample: ".env.example",
  /** The settings and secrets of one installation (mode 600). */
  envFile: ".env",
  /** Creates `.env` and fills each empty secret once; never changes one that has a value. */
  generateSecrets: "generate-secrets.sh",
  /** The host name Mathesar answers at (Django's ALLOWED_HOSTS and Caddy's site address). */
  domainVariable: "DOMAIN_NAME",
  /** The first admin's username and generated password. */
  adminUsernameVariable: "ADMIN_USERNAME",
  adminPasswordVariable: "ADMIN_PASSWORD",
  /** Every pinned image, pulled into the image at build time so the first boot needs no registry. */
  imageVariables: ["MATHESAR_IMAGE", "POSTGRES_IMAGE", "CADDY_IMAGE"],
  /** The TLS terminator's service and where it reads its Caddyfile. */
  caddyService: "caddy",
  caddyfileTarget: "/etc/caddy/Caddyfile",
  /** The service Caddy proxies to. */
  upstream: "mathesar:8000",
} as const;
