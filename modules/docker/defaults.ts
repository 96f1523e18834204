/**
 * The Docker host target's defaults, in one object: the composite applies them to absent props and the root
 * module's variables declare them as their `default`s (settings.ts), so the two cannot differ.
 */
import { CADDY_IMAGE } from "../caddy/caddyfile";
import { COMPOSE_MATHESAR_REPOSITORY, POSTGRES_IMAGE } from "../compose/images";
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  type MathesarSize,
  webConcurrency,
} from "../mathesar";

/** How Caddy gets its certificate, or `none` for no Caddy (the user's own proxy in front). */
export type DockerTlsMode = "acme" | "internal" | "files" | "none";

/** Every TLS mode. */
export const DOCKER_TLS_MODES: readonly DockerTlsMode[] = ["acme", "internal", "files", "none"];

/** Every default of `MathesarOnDockerHostProps`. */
export const DOCKER_DEFAULTS = {
  name: CONTRACT_DEFAULTS.name,
  // `*.localhost` names resolve to this machine and Caddy certifies them with its own CA, asking no one.
  domainName: "mathesar.localhost",
  mathesarVersion: DEFAULT_MATHESAR_VERSION,
  imageRepository: COMPOSE_MATHESAR_REPOSITORY,
  postgresImage: POSTGRES_IMAGE,
  caddyImage: CADDY_IMAGE,
  tls: "acme" as DockerTlsMode,
  httpPort: 80,
  httpsPort: 443,
  appPort: 8000,
  appBindAddress: "127.0.0.1",
  adminEnabled: true,
  adminUsername: CONTRACT_DEFAULTS.adminUsername as string,
  adminEmail: CONTRACT_DEFAULTS.adminEmail as string,
  size: DEFAULT_SIZE as MathesarSize,
  requireSsoLogin: false,
} as const;

/**
 * Gunicorn workers per size: the host's capacity Mathesar may use (a modelled share of a 1, 2 or 4 vCPU host
 * with 2, 4 or 8 GiB), through the contract's rule (modules/mathesar/sizes.ts).
 */
export const DOCKER_WEB_CONCURRENCY: Readonly<Record<MathesarSize, number>> = {
  small: webConcurrency(1, 2048),
  medium: webConcurrency(2, 4096),
  large: webConcurrency(4, 8192),
};
