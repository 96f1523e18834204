/**
 * The DigitalOcean target's one wiring: which blocks exist, what each one is given, and what the target
 * outputs. `MathesarOnDigitalOcean` runs it with the construct composer (choices known in TypeScript);
 * the published root module runs it with the module composer (choices made by Terraform). See
 * docs/architecture.md, "One wiring, two bindings".
 */
import type { Construct } from "constructs";
import { DataDigitaloceanDatabaseCa } from "@cdktf/provider-digitalocean/lib/data-digitalocean-database-ca";
import { DataDigitaloceanVpc } from "@cdktf/provider-digitalocean/lib/data-digitalocean-vpc";
import { Fn, Op, Token, Tokenization, ref } from "cdktf";
import { CONTRACT_DEFAULTS, CONTRACT_OUTPUTS, NO_DATABASE_CA } from "../mathesar";
import { DeletionGuard, type OutputSpec, lookupIn, stableAddress } from "../terraform";
import {
  type Block,
  type Composer,
  all,
  differs,
  choose,
  equal,
  firstOf,
  isAbsent,
  isPresent,
  truthy,
} from "../terraform/wiring";
import {
  DO_APP_BLOCK,
  DO_DATABASE_BLOCK,
  DO_DATABASE_FIREWALL_BLOCK,
  DO_NETWORK_BLOCK,
  DO_SECRETS_BLOCK,
  type DoDatabaseOutput,
} from "./blocks";
import { DO_REGIONS, DO_SIZES } from "./catalog";
import type { MathesarOnDigitalOceanProps } from "./props";
import { DO_DEFAULTS } from "./defaults";
import type { MathesarDoApp } from "./app";
import type { MathesarDoDatabase } from "./database";
import type { MathesarDoDatabaseFirewall } from "./database-firewall";
import type { MathesarDoNetwork } from "./network";
import type { MathesarDoSecrets } from "./secrets";

/** What `terraform destroy` says while deletion protection is on. */
export const DO_DELETION_PROTECTION_MESSAGE =
  "Deletion protection is on for Mathesar's database and SECRET_KEY. Back up SECRET_KEY, set " +
  "deletion_protection = false (deletionProtection: false), apply, then destroy.";

/** Name of the sensitive output that holds the generated admin password. */
export const DO_ADMIN_PASSWORD_OUTPUT = "admin_password";

/** What the wiring built. */
export interface DoWiring {
  readonly network: Block<MathesarDoNetwork, "vpc_id" | "vpc_urn" | "ip_range">;
  readonly existingVpc?: DataDigitaloceanVpc;
  readonly secrets: Block<MathesarDoSecrets, "secret_key" | "admin_password">;
  readonly database: Block<MathesarDoDatabase, DoDatabaseOutput>;
  readonly app: Block<MathesarDoApp, "app_id" | "app_urn" | "live_url" | "cname_target">;
  readonly databaseFirewall: Block<MathesarDoDatabaseFirewall, "firewall_id">;
  readonly deletionGuard: DeletionGuard;
  /** The target's outputs, by output name. */
  readonly outputs: Record<string, OutputSpec>;
}

/** Composes Mathesar on DigitalOcean from validated props. */
export function composeDigitalOcean(
  scope: Construct,
  props: MathesarOnDigitalOceanProps,
  composer: Composer,
): DoWiring {
  const d = DO_DEFAULTS;
  const name = props.name ?? d.name;
  const region = props.region ?? d.region;
  const size = props.size ?? d.size;
  const existing = props.database?.existing;
  const managed = props.database?.managed ?? {};
  const isManaged = isAbsent(existing);
  const newVpc = isAbsent(props.existingVpcId);
  const sslMode = managed.sslMode ?? d.databaseSslMode;

  const network = composer.block(scope, DO_NETWORK_BLOCK, { name, region, ipRange: props.vpcIpRange }, newVpc);
  // An existing VPC is read once: the firewall admits its range, and it must be in the region of the rest.
  const existingVpc = composer.conditional(isPresent(props.existingVpcId), () =>
    stableAddress(
      new DataDigitaloceanVpc(scope, "ExistingVpc", {
        id: props.existingVpcId!,
        lifecycle: {
          postcondition: [
            {
              condition: Token.asString(Op.eq(ref("self.region"), region)),
              errorMessage:
                `Invalid ${composer.flavour === "module" ? "existing_vpc_id" : "existingVpcId"}: the existing VPC ` +
                `\${self.id} is in region \${self.region}; it must be in ${region}, the region of the database and ` +
                `the app.`,
            },
          ],
        },
      }),
      "existing",
    ),
  );
  const vpcId = choose(
    newVpc,
    () => network.out("vpc_id"),
    () => props.existingVpcId!,
  );
  const vpcIpRange = choose(
    newVpc,
    () => network.out("ip_range"),
    () => existingVpc.attribute("ip_range", (vpc) => vpc.ipRange),
  );
  const secrets = composer.block(scope, DO_SECRETS_BLOCK, {}, true);

  const database = composer.block(
    scope,
    DO_DATABASE_BLOCK,
    {
      name,
      region,
      vpcId,
      nodeSize: firstOf(managed.nodeSize, lookupIn(tierColumn("databaseSize"), size)),
      postgresVersion: managed.version ?? d.databaseVersion,
      highAvailability: managed.highAvailability ?? d.databaseHighAvailability,
      tags: tagList(props.tags ?? {}),
    },
    isManaged,
  );
  // verify-ca/verify-full on a managed cluster: its own CA, as DigitalOcean serves it.
  const databaseCa = composer.conditional(all(isManaged, differs(sslMode, "require")), () =>
    stableAddress(
      new DataDigitaloceanDatabaseCa(scope, "DatabaseCa", { clusterId: database.out("cluster_id") }),
      "this",
    ),
  );
  const fromDatabase = (output: DoDatabaseOutput, fromExisting: () => string) =>
    choose(isManaged, () => database.out(output), fromExisting);

  const app = composer.block(scope, DO_APP_BLOCK, {
    name,
    appRegion: lookupIn(DO_REGIONS, region),
    vpcId,
    imageRepository: props.imageRepository ?? d.imageRepository,
    mathesarVersion: props.mathesarVersion ?? d.mathesarVersion,
    // WEB_CONCURRENCY follows this instance size (the app derives it from the slug).
    instanceSize: firstOf(props.appInstanceSize, lookupIn(tierColumn("appInstanceSize"), size)),
    database: {
      host: fromDatabase("private_host", () => existing!.host),
      port: choose(
        isManaged,
        () => database.outNumber("port"),
        () => existing!.port ?? CONTRACT_DEFAULTS.databasePort,
      ),
      name: fromDatabase("database_name", () => existing!.databaseName ?? CONTRACT_DEFAULTS.databaseName),
      user: fromDatabase("user", () => existing!.user ?? CONTRACT_DEFAULTS.databaseUser),
      password: fromDatabase("password", () => existing!.password),
      sslMode: choose(
        isManaged,
        () => sslMode,
        () => existing!.sslMode ?? CONTRACT_DEFAULTS.sslMode,
      ),
    },
    databaseAdmin: {
      user: fromDatabase("admin_user", () => ""),
      password: fromDatabase("admin_password", () => ""),
    },
    // The cluster's CA (verify modes), or the existing server's; "none" when none (the start command then
    // writes nothing). A module variable cannot be absent, so the construct passes "none" the same way.
    databaseCaCertificate: choose(
      isManaged,
      () =>
        choose(
          equal(sslMode, "require"),
          () => NO_DATABASE_CA,
          () => databaseCa.attribute("certificate", (ca) => ca.certificate),
        ),
      () => firstOf(existing!.caCertificate, NO_DATABASE_CA),
    ),
    secretKey: firstOf(props.secretKey, secrets.out("secret_key")),
    admin: {
      enabled: props.admin?.enabled ?? d.adminEnabled,
      username: props.admin?.username ?? d.adminUsername,
      email: props.admin?.email ?? d.adminEmail,
      password: secrets.out("admin_password"),
    },
    domainName: props.domainName,
    domainZone: props.domainZone,
    ssoConfig: firstOf(props.sso?.configJson, "{}"),
    requireSsoLogin: props.sso?.requireSsoLogin,
    ignoreEnvChanges: props.ignoreEnvChanges,
  });

  const databaseFirewall = composer.block(
    scope,
    DO_DATABASE_FIREWALL_BLOCK,
    () => ({ clusterId: database.out("cluster_id"), appId: app.out("app_id"), vpcIpRange }),
    isManaged,
  );
  // One guard over everything whose loss loses data: the cluster and the database in it, the SECRET_KEY
  // that decrypts saved credentials (in the user's own database too), the firewall, and the app holding the key.
  const deletionGuard = new DeletionGuard(scope, "DeletionGuard", {
    protects: [network, secrets, database, app, databaseFirewall].flatMap((block) => block.dependables),
    // The cluster (null without one: the slot stays, so adding a cluster replaces the guard), and the secret
    // key: regenerating it would make saved credentials unreadable.
    replaceWhenChanged: [
      database.present === false ? Token.asString(Token.nullValue()) : database.out("cluster_id"),
      Fn.sha256(firstOf(props.secretKey, secrets.out("secret_key"))),
    ],
    enabled:
      props.deletionProtection ??
      (existing ? existing.deletionProtection : managed.deletionProtection) ??
      d.deletionProtection,
    message: DO_DELETION_PROTECTION_MESSAGE,
  });

  const url = choose(
    isPresent(props.domainName),
    () => `https://${props.domainName}/`,
    () => app.out("live_url"),
  );
  const adminUsername = props.admin?.username ?? d.adminUsername;
  const outputs: Record<string, OutputSpec> = {
    [CONTRACT_OUTPUTS.url.name]: { value: url, description: CONTRACT_OUTPUTS.url.description },
    [CONTRACT_OUTPUTS.adminUsername.name]: {
      value: choose(
        truthy(props.admin?.enabled, d.adminEnabled),
        () => adminUsername,
        () => "",
      ),
      description: CONTRACT_OUTPUTS.adminUsername.description,
    },
    [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
      // A module's outputs are read through the caller's root module, which must re-export this one.
      value:
        composer.flavour === "module"
          ? `terraform output -raw ${DO_ADMIN_PASSWORD_OUTPUT} (from your root module, which must re-export this module's ${DO_ADMIN_PASSWORD_OUTPUT} output)`
          : `terraform output -raw ${DO_ADMIN_PASSWORD_OUTPUT}`,
      description: CONTRACT_OUTPUTS.adminPasswordLocation.description,
    },
    [DO_ADMIN_PASSWORD_OUTPUT]: {
      value: secrets.out("admin_password"),
      description: "Generated password of the first admin.",
      sensitive: true,
    },
    [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
      value: fromDatabase(
        "endpoint",
        () => `${existing!.host}:${numberText(existing!.port ?? CONTRACT_DEFAULTS.databasePort)}`,
      ),
      description: CONTRACT_OUTPUTS.databaseEndpoint.description,
    },
    [CONTRACT_OUTPUTS.logs.name]: {
      value: `https://cloud.digitalocean.com/apps/${app.out("app_id")}/logs`,
      description: CONTRACT_OUTPUTS.logs.description,
    },
    cname_target: {
      value: app.out("cname_target"),
      description: "The app's ondigitalocean.app host name: point a CNAME at it when your DNS is not at DigitalOcean.",
    },
    app_id: { value: app.out("app_id"), description: "Id of the App Platform app." },
    vpc_id: { value: vpcId, description: "Id of the VPC." },
    database_cluster_id: {
      value: database.present === false ? null : database.out("cluster_id"),
      description: "Id of the managed cluster (null with an existing database).",
    },
  };
  return {
    network,
    existingVpc: existingVpc.resource,
    secrets,
    database,
    app,
    databaseFirewall,
    deletionGuard,
    outputs,
  };
}

/** One column of the size table, by size. */
function tierColumn(column: "databaseSize" | "appInstanceSize"): Record<string, string> {
  return Object.fromEntries(Object.entries(DO_SIZES).map(([size, tier]) => [size, tier[column]]));
}

/** Tags as DigitalOcean takes them: `key:value`. */
function tagList(tags: Record<string, string>): string[] {
  // keys() and values() list a map in the same (lexical) order.
  return Token.isUnresolved(tags)
    ? Token.asList(Fn.formatlist("%s:%s", [Fn.keys(tags), Fn.values(tags)]))
    : Object.entries(tags).map(([key, value]) => `${key}:${value}`);
}

/** A number (or a number token) as text inside a string. */
function numberText(value: number): string {
  return Token.isUnresolved(value) ? Tokenization.stringifyNumber(value) : String(value);
}
