/** Props of `MathesarOnDockerHost`: the shared contract's words plus what only a Docker host needs. */
import type { ExistingDatabaseBaseProps, MathesarSize, SsoProps } from "../mathesar";
import type { DockerTlsMode } from "./defaults";

/** A PostgreSQL server the user already runs. */
export interface DockerExistingDatabaseProps extends ExistingDatabaseBaseProps {
  /**
   * The role's password: a reference to a secret (a sensitive `TerraformVariable` set from `TF_VAR_…`), never
   * a literal in code. It reaches the container as a file, not as plain environment.
   */
  readonly password: string;
  /**
   * The server's CA certificate(s), PEM, for `sslMode` `verify-ca`/`verify-full` (e.g. your own CA's, read
   * with `fs.readFileSync`). Public data; it is uploaded into the Mathesar containers as a file and named by
   * `PGSSLROOTCERT`.
   * @default - none (`require` encrypts without verifying the server)
   */
  readonly caCertificate?: string;
}

/** The evaluation database: a pinned PostgreSQL container on the private network, its data in a named volume. */
export interface DockerEvaluationDatabaseProps {
  /**
   * Never allowed: the evaluation database is not published on a host port (reach it with `docker exec` or
   * an SSH tunnel). The prop exists so that asking for it is refused with an explanation.
   * @default - not published
   */
  readonly hostPort?: number;
}

/** Database choice: the evaluation container (the default) or an existing server. */
export interface DockerDatabaseProps {
  /**
   * Run PostgreSQL in a container beside Mathesar.
   * @default {} when `existing` is not given
   */
  readonly evaluation?: DockerEvaluationDatabaseProps;
  /**
   * Use a PostgreSQL server you already run.
   * @default - none
   */
  readonly existing?: DockerExistingDatabaseProps;
}

/** The first admin, created headless by the bootstrap container. */
export interface DockerAdminProps {
  /**
   * Create the first admin at deploy time; false leaves /complete_installation/ open to whoever comes first.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Username of the first admin.
   * @default "admin"
   */
  readonly username?: string;
  /**
   * E-mail stored on the account (Mathesar sends no mail).
   * @default ""
   */
  readonly email?: string;
}

/** Props of `MathesarOnDockerHost`. The Docker host itself is the `docker` provider's (`host`, `ssh://`). */
export interface MathesarOnDockerHostProps {
  /**
   * Prefix of every container, network and volume name on the host.
   * @default "mathesar"
   */
  readonly name?: string;
  /**
   * Host name users open; Caddy's certificate is for it and Django answers only to it.
   * @default "mathesar.localhost"
   */
  readonly domainName?: string;
  /**
   * Mathesar release (image tag), optionally with its digest. Never `latest`.
   * @default DEFAULT_MATHESAR_VERSION
   */
  readonly mathesarVersion?: string;
  /**
   * Repository of the Mathesar image (a mirror for an air-gapped host).
   * @default "docker.io/mathesar/mathesar"
   */
  readonly imageRepository?: string;
  /**
   * Pinned PostgreSQL image of the evaluation database.
   * @default POSTGRES_IMAGE
   */
  readonly postgresImage?: string;
  /**
   * Pinned Caddy image.
   * @default CADDY_IMAGE
   */
  readonly caddyImage?: string;
  /**
   * `acme`: Caddy gets a certificate from Let's Encrypt (ports 80 and 443 reachable from the internet);
   * `internal`: Caddy's own CA; `files`: your certificate and key; `none`: no Caddy, Mathesar's plain HTTP
   * port is published on `appBindAddress:appPort` for your own proxy.
   * @default "acme"
   */
  readonly tls?: DockerTlsMode;
  /**
   * PEM certificate chain for `tls: "files"`.
   * @default - none
   */
  readonly tlsCertificate?: string;
  /**
   * PEM private key for `tls: "files"`: a reference to a secret, never a literal.
   * @default - none
   */
  readonly tlsPrivateKey?: string;
  /**
   * Host port Caddy answers plain HTTP on (redirects, ACME challenges).
   * @default 80
   */
  readonly httpPort?: number;
  /**
   * Host port Caddy answers HTTPS on.
   * @default 443
   */
  readonly httpsPort?: number;
  /**
   * With `tls: "none"`: the host port Mathesar's HTTP is published on.
   * @default 8000
   */
  readonly appPort?: number;
  /**
   * With `tls: "none"`: the host address that port is bound to.
   * @default "127.0.0.1"
   */
  readonly appBindAddress?: string;
  /**
   * The first admin.
   * @default - enabled, username "admin"
   */
  readonly admin?: DockerAdminProps;
  /**
   * small, medium or large: the gunicorn workers Mathesar runs (DOCKER_WEB_CONCURRENCY).
   * @default "small"
   */
  readonly size?: MathesarSize;
  /**
   * Mathesar's single sign-on (0.11.0 and later): `configJson` must be a reference to a secret.
   * @default - password login only
   */
  readonly sso?: SsoProps;
  /**
   * SECRET_KEY of an existing installation (restore or move): a reference to a secret.
   * @default - generated
   */
  readonly secretKey?: string;
  /**
   * Where Mathesar keeps its own data.
   * @default - the evaluation database container
   */
  readonly database?: DockerDatabaseProps;
}
