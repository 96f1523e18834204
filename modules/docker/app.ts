/**
 * Building block: Mathesar. A one-shot bootstrap container (the contract's headless admin bootstrap: locked
 * migrations and the first admin) that Terraform waits for (`attach`), then the web container. Both run the
 * pinned image with the environment the contract builds, secrets as files (secret-files.ts), uploads in a
 * named volume and the settings override that stops Mathesar's outbound reports (local.py). The web
 * container's port is published only without Caddy (`publish`), on the address the user chooses.
 */
import { Construct } from "constructs";
import { Container } from "@cdktf/provider-docker/lib/container";
import { Image } from "@cdktf/provider-docker/lib/image";
import { Volume } from "@cdktf/provider-docker/lib/volume";
import { CADDY_UPSTREAM } from "../caddy/caddyfile";
import { LOCAL_SETTINGS_PATH, renderLocalSettings } from "../compose/outbound";
import {
  ADMIN_ENV,
  DATABASE_CA_ENV,
  DATABASE_CA_FILE,
  LIVENESS_PATH,
  NO_DATABASE_CA,
  MATHESAR_MEDIA_PATH,
  STARTUP_GRACE_SECONDS,
  MATHESAR_PORT,
  MATHESAR_WEB_START_SCRIPT,
  adminBootstrapShellCommand,
  buildMathesarEnvironment,
  mathesarImage,
  writeDatabaseCaCommand,
} from "../mathesar";
import { asString, stableAddress } from "../terraform";
import { choose, truthy } from "../terraform/wiring";
import { envList, optionalBlocks, secretUploads, withSecretFiles } from "./secret-files";

/** Host name of the web container on the private network: the upstream Caddy proxies to. */
export const MATHESAR_ALIAS = CADDY_UPSTREAM.split(":")[0];

/** Props of {@link MathesarDockerApp}. */
export interface MathesarDockerAppProps {
  /** Name prefix. */
  readonly name: string;
  /** Network to join. */
  readonly networkName: string;
  /** Image repository without tag. */
  readonly imageRepository: string;
  /** Pinned release (tag, optionally with digest). */
  readonly mathesarVersion: string;
  /** Host name users open (ALLOWED_HOSTS). */
  readonly domainName: string;
  /** Internal database connection. */
  readonly database: {
    readonly host: string;
    readonly port: number;
    readonly name: string;
    readonly user: string;
    /** Sensitive. */
    readonly password: string;
    readonly sslMode: string;
  };
  /**
   * The database server's CA certificate(s), PEM, for verify-ca/verify-full; {@link NO_DATABASE_CA}: none.
   * Uploaded beside the secrets (no env quoting) and written by the start command to the file `PGSSLROOTCERT`
   * names (contract: database-tls.ts).
   * @default NO_DATABASE_CA
   */
  readonly databaseCaCertificate?: string;
  /** Django SECRET_KEY (sensitive). */
  readonly secretKey: string;
  /** The first admin. */
  readonly admin: {
    readonly enabled: boolean;
    readonly username: string;
    readonly email: string;
    /** Sensitive. */
    readonly password: string;
  };
  /** Gunicorn workers. */
  readonly webConcurrency: number;
  /** SSO_CONFIG_DICT JSON (sensitive); "{}" for none. */
  readonly ssoConfig: string;
  /** REQUIRE_SSO_LOGIN. */
  readonly requireSsoLogin: boolean;
  /** Publish Mathesar's HTTP port on the host (no Caddy in front). */
  readonly publish: boolean;
  /** Host port when published. */
  readonly appPort: number;
  /** Host address when published. */
  readonly appBindAddress: string;
}

/** Mathesar's containers and uploads volume. */
export class MathesarDockerApp extends Construct {
  /** Uploaded files (escape hatch). */
  public readonly uploads: Volume;
  /** The one-shot bootstrap (escape hatch). */
  public readonly bootstrap: Container;
  /** The web container (escape hatch). */
  public readonly web: Container;

  constructor(scope: Construct, id: string, props: MathesarDockerAppProps) {
    super(scope, id);
    const image = stableAddress(
      new Image(this, "Image", {
        name: mathesarImage(props.mathesarVersion, props.imageRepository),
        keepLocally: true,
      }),
      "mathesar",
    );
    this.uploads = stableAddress(new Volume(this, "Uploads", { name: `${props.name}-uploads` }), "uploads");
    // Always the same shape, as a module variable cannot be absent: "none" uploads a file the start command
    // ignores (it writes PGSSLROOTCERT's file only from a PEM), and libpq ignores a missing root file under
    // require.
    const caUploads = secretUploads({ [DATABASE_CA_ENV]: props.databaseCaCertificate ?? NO_DATABASE_CA });
    const writeCa = `${writeDatabaseCaCommand()}; `;
    const environment = buildMathesarEnvironment<string>({
      database: {
        ...props.database,
        port: asString(props.database.port),
        caCertificatePath: DATABASE_CA_FILE,
      },
      secretKey: props.secretKey,
      allowedHosts: props.domainName,
      webConcurrency: asString(props.webConcurrency),
      ssoConfig: props.ssoConfig,
      requireSsoLogin: props.requireSsoLogin,
    });
    const network = [{ name: props.networkName, aliases: [MATHESAR_ALIAS] }];
    const volumes = [{ volumeName: this.uploads.name, containerPath: MATHESAR_MEDIA_PATH }];
    const localSettings = { file: LOCAL_SETTINGS_PATH, content: renderLocalSettings(), permissions: "0444" };

    this.bootstrap = stableAddress(
      new Container(this, "Bootstrap", {
        name: `${props.name}-bootstrap`,
        image: image.imageId,
        command: withSecretFiles(`${writeCa}exec ${adminBootstrapShellCommand()}`),
        env: envList({
          ...environment.plain,
          // An empty username: migrations only, no admin (the bootstrap's own rule).
          [ADMIN_ENV.username]: choose(
            truthy(props.admin.enabled),
            () => props.admin.username,
            () => "",
          ),
          [ADMIN_ENV.email]: props.admin.email,
        }),
        upload: [
          ...secretUploads({ ...environment.secrets, [ADMIN_ENV.password]: props.admin.password }),
          ...caUploads,
          localSettings,
        ],
        networksAdvanced: [{ name: props.networkName }],
        volumes,
        // Terraform waits for it to exit (`attach`); the web container is created only after it. The provider
        // records the exit code without failing on it, so the postcondition turns a failed bootstrap (weak
        // secret, unreachable database) into a failed apply before the web container starts.
        attach: true,
        lifecycle: {
          postcondition: [
            {
              condition: "${self.exit_code == 0}",
              errorMessage:
                "The Mathesar bootstrap (migrations, first admin) exited with code ${self.exit_code}; its output is " +
                "in the container_logs attribute of this resource (terraform state show).",
            },
          ],
        },
        logs: true,
        mustRun: false,
        restart: "no",
        securityOpts: ["no-new-privileges:true"],
      }),
      "bootstrap",
    );

    this.web = stableAddress(
      new Container(this, "Web", {
        name: `${props.name}-mathesar`,
        image: image.imageId,
        command: withSecretFiles(`${writeCa}${MATHESAR_WEB_START_SCRIPT}`),
        env: envList(environment.plain),
        upload: [...secretUploads(environment.secrets), ...caUploads, localSettings],
        networksAdvanced: network,
        volumes,
        ports: optionalBlocks(truthy(props.publish), {
          internal: MATHESAR_PORT,
          external: props.appPort,
          ip: props.appBindAddress,
        }),
        // A static file: 200 as soon as gunicorn answers, without the database (Mathesar has no health endpoint).
        healthcheck: {
          test: [
            "CMD",
            "python",
            "-c",
            `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${MATHESAR_PORT}${LIVENESS_PATH}', timeout=5)`,
          ],
          interval: "30s",
          timeout: "10s",
          retries: 3,
          startPeriod: `${STARTUP_GRACE_SECONDS}s`,
        },
        restart: "unless-stopped",
        securityOpts: ["no-new-privileges:true"],
        dependsOn: [this.bootstrap],
      }),
      "mathesar",
    );
  }
}
