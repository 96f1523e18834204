/**
 * Building block: Mathesar on App Platform — the web service, a pre-deploy job that migrates and creates
 * the first admin before any traffic arrives, TLS on the platform's or the user's domain, and alerts.
 */
import { Construct } from "constructs";
import { App, AppSpecDomain, AppSpecJobEnv, AppSpecServiceEnv } from "@cdktf/provider-digitalocean/lib/app";
import { Fn, IResolvable, Op, TerraformIterator, Token } from "cdktf";
import {
  ADMIN_ENV,
  DATABASE_ADMIN_ENV,
  LIVENESS_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND,
  MathesarDatabaseConnection,
  STARTUP_GRACE_SECONDS,
  adminBootstrapShellCommand,
  buildMathesarEnvironment,
  isToken,
} from "../mathesar";
import { ifElse, stableAddress } from "../terraform";

/** Props of {@link MathesarDoApp}. */
export interface MathesarDoAppProps {
  /** App name (2–32 lowercase characters). */
  readonly name: string;
  /** App Platform region, e.g. `nyc` (the datacenter's letters). */
  readonly appRegion: string;
  /** VPC the app joins, so it reaches the database on its private address. */
  readonly vpcId: string;
  /** Docker Hub repository (`owner/name`) of the image. */
  readonly imageRepository: string;
  /** Image tag: the pinned Mathesar version. */
  readonly imageTag: string;
  /** App Platform instance size slug. */
  readonly instanceSize: string;
  /** Gunicorn workers. */
  readonly webConcurrency: number | string;
  /** Mathesar's internal database; `password` is the secret value. */
  readonly database: MathesarDatabaseConnection<string>;
  /**
   * The database server's admin role, used only by the pre-deploy job to grant Mathesar's role its
   * privileges. Empty user: skip that step (databases the user prepared).
   * @default - no grant step
   */
  readonly databaseAdmin?: { readonly user: string; readonly password: string };
  /** Django `SECRET_KEY` value. */
  readonly secretKey: string;
  /** First admin: created by the pre-deploy job unless `enabled` is false. */
  readonly admin: {
    readonly enabled: boolean | string;
    readonly username: string;
    readonly email: string;
    readonly password: string;
  };
  /**
   * Custom domain, served with a DigitalOcean-managed certificate.
   * @default - only the app's `ondigitalocean.app` address
   */
  readonly domainName?: string;
  /**
   * DigitalOcean DNS zone holding `domainName`; App Platform then creates the DNS records itself.
   * @default - you point a CNAME at the app's default address
   */
  readonly domainZone?: string;
  /**
   * Mathesar SSO configuration JSON (secret value); `"{}"` means off.
   * @default "{}"
   */
  readonly ssoConfigJson?: string;
  /**
   * Require SSO for everyone.
   * @default false
   */
  readonly requireSsoLogin?: boolean | string;
}

/** Seconds between health checks. */
const HEALTH_PERIOD_SECONDS = 10;
/** Seconds before the first check: the container needs at least this long to collect static files. */
const HEALTH_INITIAL_DELAY_SECONDS = 60;

/** App Platform expands `${APP_DOMAIN}` to the app's primary domain; `$$` keeps Terraform off it. */
export const APP_DOMAIN_BINDING = "$${APP_DOMAIN}";

/** Mathesar on DigitalOcean App Platform. */
export class MathesarDoApp extends Construct {
  /** The app (escape hatch). */
  public readonly app: App;
  /** The app's id (e.g. for database trusted sources). */
  public readonly appId: string;
  /** The URL the app is live at (custom domain when set). */
  public readonly liveUrl: string;
  /** The app's default `ondigitalocean.app` host, the CNAME target for a custom domain. */
  public readonly defaultIngress: string;

  constructor(scope: Construct, id: string, props: MathesarDoAppProps) {
    super(scope, id);
    const environment = buildMathesarEnvironment<string>({
      database: props.database,
      secretKey: props.secretKey,
      allowedHosts: allowedHosts(props.domainName),
      webConcurrency: props.webConcurrency,
      ssoConfig: props.ssoConfigJson ?? "{}",
      requireSsoLogin: props.requireSsoLogin,
    });
    const serviceEnv = toAppEnv(environment.plain, environment.secrets);
    const jobEnv = toAppEnv(
      {
        ...environment.plain,
        [ADMIN_ENV.username]: ifElse(props.admin.enabled, props.admin.username, ""),
        [ADMIN_ENV.email]: props.admin.email,
        [DATABASE_ADMIN_ENV.user]: props.databaseAdmin?.user ?? "",
      },
      {
        ...environment.secrets,
        [ADMIN_ENV.password]: props.admin.password,
        [DATABASE_ADMIN_ENV.password]: props.databaseAdmin?.password ?? "",
      },
    );
    const image = dockerHubImage(props.imageRepository, props.imageTag);

    this.app = stableAddress(
      new App(this, "App", {
        spec: {
          name: props.name,
          region: props.appRegion,
          vpc: [{ id: props.vpcId }],
          domain: domainBlocks(props.domainName, props.domainZone),
          alert: [{ rule: "DEPLOYMENT_FAILED" }, { rule: "DOMAIN_FAILED" }],
          service: [
            {
              name: "web",
              image,
              runCommand: MATHESAR_START_COMMAND.join(" "),
              httpPort: MATHESAR_PORT,
              // One instance: uploads go to local disk between two requests (see catalog.ts).
              instanceCount: 1,
              instanceSizeSlug: props.instanceSize,
              healthCheck: {
                httpPath: LIVENESS_PATH,
                initialDelaySeconds: HEALTH_INITIAL_DELAY_SECONDS,
                periodSeconds: HEALTH_PERIOD_SECONDS,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: Math.ceil((STARTUP_GRACE_SECONDS - HEALTH_INITIAL_DELAY_SECONDS) / HEALTH_PERIOD_SECONDS),
              },
              alert: [
                { rule: "RESTART_COUNT", operator: "GREATER_THAN", value: 3, window: "TEN_MINUTES" },
                { rule: "MEM_UTILIZATION", operator: "GREATER_THAN", value: 90, window: "TEN_MINUTES" },
              ],
              env: serviceEnv as AppSpecServiceEnv[],
            },
          ],
          job: [
            {
              // Runs before every deployment; a failure stops the rollout and keeps the old version live.
              name: "bootstrap",
              kind: "PRE_DEPLOY",
              image,
              runCommand: adminBootstrapShellCommand(),
              instanceSizeSlug: props.instanceSize,
              instanceCount: 1,
              env: jobEnv as AppSpecJobEnv[],
            },
          ],
        },
      }),
      "this",
    );
    this.appId = this.app.id;
    this.liveUrl = this.app.liveUrl;
    this.defaultIngress = this.app.defaultIngress;
  }
}

/** App Platform `env` entries: plain values as GENERAL, secrets as SECRET (stored encrypted). */
function toAppEnv(plain: Record<string, string>, secrets: Record<string, string>): Array<AppSpecServiceEnv & AppSpecJobEnv> {
  const entries = [
    ...Object.entries(plain).map(([key, value]) => ({ key, value, type: "GENERAL", scope: "RUN_TIME" })),
    ...Object.entries(secrets).map(([key, value]) => ({ key, value, type: "SECRET", scope: "RUN_TIME" })),
  ];
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

/** The `image` block for a Docker Hub `owner/name` repository. */
function dockerHubImage(repository: string, tag: string) {
  const [registry, name] = isToken(repository)
    ? [Fn.element(Fn.split("/", repository), 0), Fn.element(Fn.split("/", repository), 1)]
    : repository.split("/");
  return { registryType: "DOCKER_HUB", registry, repository: name, tag };
}

/** A Terraform test for "this optional variable was left unset". */
function isNull(value: string): string {
  return Token.asString(Op.eq(value, Token.nullValue()));
}

/**
 * `ALLOWED_HOSTS`: the custom domain (when set) and App Platform's primary domain binding. The binding is
 * appended outside any Terraform function so that its `$$` escape survives.
 */
function allowedHosts(domainName?: string): string {
  if (domainName === undefined) return APP_DOMAIN_BINDING;
  const prefix = isToken(domainName) ? ifElse(isNull(domainName), "", `${domainName},`) : `${domainName},`;
  return `${prefix}${APP_DOMAIN_BINDING}`;
}

/** The `domain` blocks: none, one static block, or a dynamic block when the domain is a variable. */
function domainBlocks(domainName?: string, zone?: string): AppSpecDomain[] | IResolvable | undefined {
  if (domainName === undefined) return undefined;
  if (!isToken(domainName)) return [{ name: domainName, type: "PRIMARY", zone }];
  const domains = TerraformIterator.fromList(Token.asList(ifElse(isNull(domainName), [], [domainName])));
  return domains.dynamic({ name: domains.value, type: "PRIMARY", zone });
}
