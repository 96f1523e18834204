/**
 * Building block: Mathesar on App Platform — the web service, a pre-deploy job that migrates and creates
 * the first admin before any traffic arrives, TLS on the platform's or the user's domain, and alerts.
 */
import { Construct } from "constructs";
import { App, AppSpecDomain } from "@cdktf/provider-digitalocean/lib/app";
import { Fn, IResolvable, Op, TerraformIterator, Token } from "cdktf";
import {
  DATABASE_CA_ENV,
  DATABASE_CA_FILE,
  MathesarDatabaseConnection,
  buildMathesarEnvironment,
  isToken,
  splitVersionDigest,
  webConcurrency,
} from "../mathesar";
import { ifElse, isNull, splat, stableAddress } from "../terraform";
import { APP_ALERTS, DoImage, bootstrapJob, webService } from "./app-components";
import { APP_INSTANCE_SLUG_PATTERN, doAppInstanceResources } from "./catalog";

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
  readonly mathesarVersion: string;
  /** App Platform instance size slug. */
  readonly instanceSize: string;
  /**
   * Gunicorn workers.
   * @default - from the vCPUs and memory of `instanceSize` (see {@link doWebConcurrency})
   */
  readonly webConcurrency?: number | string;
  /** Mathesar's internal database; `password` is the secret value. */
  readonly database: MathesarDatabaseConnection<string>;
  /**
   * The database server's admin role, used only by the pre-deploy job to grant Mathesar's role its
   * privileges. Empty user: skip that step (databases the user prepared).
   * @default - no grant step
   */
  readonly databaseAdmin?: { readonly user: string; readonly password: string };
  /**
   * The database server's CA certificate(s), PEM (public data): a plain variable the web service and the job
   * write to a file before anything connects, named by `PGSSLROOTCERT`; needed for verify-ca/verify-full.
   * @default - none: the server's certificate is not verified
   */
  readonly databaseCaCertificate?: string;
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
  readonly ssoConfig?: string;
  /**
   * Require SSO for everyone.
   * @default false
   */
  readonly requireSsoLogin?: boolean | string;
  /**
   * Ignore later changes to the service's and the job's environment (see
   * `MathesarOnDigitalOceanProps.ignoreEnvChanges` for why and the risk). A Terraform variable here makes
   * two app resources of which exactly one exists, since `ignore_changes` cannot follow a variable;
   * switching the variable later replaces the app.
   * @default false
   */
  readonly ignoreEnvChanges?: boolean | string;
}

/** What `ignoreEnvChanges` ignores: the env sets of the web service and of the bootstrap job. */
export const IGNORED_ENV_PATHS = ["spec[0].service[0].env", "spec[0].job[0].env"];

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
  /** The app's default `ondigitalocean.app` host name, the CNAME target for a custom domain. */
  public readonly cnameTarget: string;
  /** The app's URN (for DigitalOcean projects). */
  public readonly urn: string;
  /** The app's default ingress URL. */
  private readonly defaultIngress: string;

  constructor(scope: Construct, id: string, props: MathesarDoAppProps) {
    super(scope, id);
    const ca = props.databaseCaCertificate;
    const built = buildMathesarEnvironment<string>({
      database: ca === undefined ? props.database : { ...props.database, caCertificatePath: DATABASE_CA_FILE },
      secretKey: props.secretKey,
      allowedHosts: allowedHosts(props.domainName),
      webConcurrency: props.webConcurrency ?? doWebConcurrency(props.instanceSize),
      ssoConfig: props.ssoConfig ?? "{}",
      requireSsoLogin: props.requireSsoLogin,
    });
    const environment =
      ca === undefined ? built : { plain: { ...built.plain, [DATABASE_CA_ENV]: ca }, secrets: built.secrets };
    const image = dockerHubImage(props.imageRepository, props.mathesarVersion);
    const components = { image, instanceSize: props.instanceSize, environment, writesDatabaseCa: ca !== undefined };

    const spec = () => ({
      name: props.name,
      region: props.appRegion,
      vpc: [{ id: props.vpcId }],
      domain: domainBlocks(props.domainName, props.domainZone),
      alert: APP_ALERTS,
      service: [webService(components)],
      job: [
        bootstrapJob({
          ...components,
          settings: {
            adminUsername: ifElse(props.admin.enabled, props.admin.username, ""),
            adminEmail: props.admin.email,
            adminPassword: props.admin.password,
            databaseAdminUser: props.databaseAdmin?.user ?? "",
            databaseAdminPassword: props.databaseAdmin?.password ?? "",
          },
        }),
      ],
    });
    const ignore = props.ignoreEnvChanges ?? false;
    this.app = stableAddress(
      new App(this, "App", {
        spec: spec(),
        lifecycle: ignore === true ? { ignoreChanges: IGNORED_ENV_PATHS } : undefined,
      }),
      "this",
    );
    if (!isToken(ignore)) {
      this.appId = this.app.id;
      this.liveUrl = this.app.liveUrl;
      this.urn = this.app.urn;
      this.defaultIngress = this.app.defaultIngress;
    } else {
      // `ignore_changes` must be a literal: one resource with it, one without, exactly one counted in.
      const ignoring = stableAddress(
        new App(this, "AppIgnoringEnv", { spec: spec(), lifecycle: { ignoreChanges: IGNORED_ENV_PATHS } }),
        "this_ignoring_env",
      );
      this.app.count = ifElse(ignore, 0, 1);
      ignoring.count = ifElse(ignore, 1, 0);
      const either = (attribute: string) =>
        Token.asString(Fn.one(Fn.concat([splat(this.app, attribute), splat(ignoring, attribute)])));
      this.appId = either("id");
      this.liveUrl = either("live_url");
      this.urn = either("urn");
      this.defaultIngress = either("default_ingress");
    }
    // default_ingress is a URL ("https://<app>.ondigitalocean.app"); a CNAME needs the bare host.
    this.cnameTarget = Fn.trimsuffix(Fn.trimprefix(this.defaultIngress, "https://"), "/");
  }
}

/**
 * Gunicorn workers for an App Platform instance size, from the vCPUs and memory its slug names: computed
 * here for a known slug, by Terraform (the same formula as `webConcurrency`) for a variable.
 */
export function doWebConcurrency(instanceSize: string): number | string {
  if (!isToken(instanceSize)) {
    const { vcpus, memoryMiB } = doAppInstanceResources(instanceSize);
    return webConcurrency(vcpus, memoryMiB);
  }
  const parts = Fn.regex(APP_INSTANCE_SLUG_PATTERN, instanceSize);
  const vcpus = Fn.tonumber(Fn.element(parts, 0));
  const memoryGb = Fn.tonumber(Fn.element(parts, 1));
  const byCpu = Fn.max([1, Op.add(Op.mul(2, vcpus), 1)]);
  const byMemory = Fn.max([1, Fn.floor(Op.div(Op.mul(memoryGb, 1024), 160))]);
  return Token.asString(Fn.min([byCpu, byMemory]));
}

/**
 * The `image` block for a Docker Hub `owner/name` repository. A version pinned by digest (`0.11.0@sha256:...`)
 * becomes App Platform's `digest`, without `tag` (the app spec refuses both together).
 */
function dockerHubImage(repository: string, version: string): DoImage {
  const [registry, name] = isToken(repository)
    ? [Fn.element(Fn.split("/", repository), 0), Fn.element(Fn.split("/", repository), 1)]
    : repository.split("/");
  if (!isToken(version)) {
    const { tag, digest } = splitVersionDigest(version);
    return { registryType: "DOCKER_HUB", registry, repository: name, ...(digest ? { digest } : { tag }) };
  }
  const pinned = Op.gt(Fn.lengthOf(Fn.split("@", version)), 1);
  return {
    registryType: "DOCKER_HUB",
    registry,
    repository: name,
    tag: Token.asString(Fn.conditional(pinned, Token.nullValue(), version)),
    digest: Token.asString(Fn.conditional(pinned, Fn.element(Fn.split("@", version), 1), Token.nullValue())),
  };
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
