/**
 * The images a Compose bundle runs, each pinned to a released tag and each overridable in `.env` (an internal
 * registry, a mirror, a digest). Docker Hub references are written with their registry (`docker.io/...`) so
 * that a reader sees where a pull goes, and so that pointing one at a mirror is a visible one-word change.
 */
import { CADDY_IMAGE } from "../caddy/caddyfile";
import { DEFAULT_MATHESAR_VERSION, MATHESAR_IMAGE_REPOSITORY, mathesarImage } from "../mathesar/image";

/** The official PostgreSQL image for the evaluation database (Docker Hub `library/postgres`, 17.x series). */
export const POSTGRES_IMAGE = "docker.io/library/postgres:17.6";

/** The official nginx image of the nginx + certbot variant (Docker Hub `library/nginx`, stable 1.28). */
export const NGINX_IMAGE = "docker.io/library/nginx:1.28.0-alpine";

/** The EFF's certbot image of the nginx + certbot variant (Docker Hub `certbot/certbot`). */
export const CERTBOT_IMAGE = "docker.io/certbot/certbot:v4.0.0";

/** The Mathesar repository on Docker Hub, with its registry. */
export const COMPOSE_MATHESAR_REPOSITORY = `docker.io/${MATHESAR_IMAGE_REPOSITORY}`;

/** The `.env` variable that holds each image reference, and its default. */
export interface ComposeImages {
  /** `MATHESAR_IMAGE`. @default docker.io/mathesar/mathesar:0.11.0 */
  readonly mathesar: string;
  /** `CADDY_IMAGE`. @default CADDY_IMAGE */
  readonly caddy: string;
  /** `POSTGRES_IMAGE`. @default POSTGRES_IMAGE */
  readonly postgres: string;
  /** `NGINX_IMAGE`. @default NGINX_IMAGE */
  readonly nginx: string;
  /** `CERTBOT_IMAGE`. @default CERTBOT_IMAGE */
  readonly certbot: string;
}

/** Names of the `.env` variables that hold the image references. */
export const IMAGE_VARIABLES: { readonly [K in keyof ComposeImages]: string } = {
  mathesar: "MATHESAR_IMAGE",
  caddy: "CADDY_IMAGE",
  postgres: "POSTGRES_IMAGE",
  nginx: "NGINX_IMAGE",
  certbot: "CERTBOT_IMAGE",
};

/** The default images; `mathesarVersion` and `repository` choose Mathesar's. */
export function defaultComposeImages(
  mathesarVersion: string = DEFAULT_MATHESAR_VERSION,
  repository: string = COMPOSE_MATHESAR_REPOSITORY,
): ComposeImages {
  return {
    mathesar: mathesarImage(mathesarVersion, repository),
    caddy: CADDY_IMAGE,
    postgres: POSTGRES_IMAGE,
    nginx: NGINX_IMAGE,
    certbot: CERTBOT_IMAGE,
  };
}

/**
 * A pinned image reference: `registry/path:tag`, `registry/path:tag@sha256:...` or `registry/path@sha256:...`;
 * never without a tag or digest, never `latest`. The same rule is applied by the secret generator to `.env`.
 */
export const PINNED_IMAGE_PATTERN =
  "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})";

/** Whether `reference` is pinned ({@link PINNED_IMAGE_PATTERN}, and its tag is not `latest`). */
export function isPinnedImage(reference: string): boolean {
  if (!new RegExp(`^(?:${PINNED_IMAGE_PATTERN})$`).test(reference)) return false;
  const tag = /:([^:/@]+)(@|$)/.exec(reference.replace(/^[^/]*:[0-9]+\//, ""))?.[1];
  return tag !== "latest";
}
