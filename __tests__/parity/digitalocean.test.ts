/**
 * Parity of the DigitalOcean target's two flavours: for each input of a matrix, the deployable stack
 * (DigitalOceanStack, the MathesarOnDigitalOcean construct) and the published module
 * (dist/terraform-digitalocean-mathesar, called with the same props turned into its variables by the settings
 * table) are planned by real Terraform against the stand-in digitalocean and random providers, and compared:
 * resource types and counts, every planned argument, which arguments are unknown, and the outputs.
 * Documented exceptions:
 * - `digitalocean_app`'s env values that hold the admin's and the database's generated secrets are unknown in
 *   both flavours (compared as unknown), nothing else is exempt.
 * - The `admin_password_location` output: a module's outputs are read through its caller, so its text says so.
 * - With `ignore_env_changes`, the module plans `digitalocean_app.this_ignoring_env` where the construct plans
 *   `digitalocean_app.this`: `ignore_changes` must be a literal, so the module counts one of two twins in
 *   (the construct knows the choice); they are compared as one resource.
 * A deliberate difference in one flavour must make the comparison fail (the last test).
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformVariable, Token, ref } from "cdktf";
import type { MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { DO_SETTINGS } from "../../modules/digitalocean/settings";
import { CONTRACT_OUTPUTS } from "../../modules/mathesar";
import { variablesFromProps } from "../../modules/terraform/wiring";
import { DigitalOceanStack } from "../../stacks/digitalocean/deploy-stack";
import { type ParityPlan, comparable, differences } from "../support/parity";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

const MODULE = "terraform-digitalocean-mathesar";
/** Secrets are references in both flavours: a sensitive variable of the caller's root configuration. */
const SECRET = Token.asString(ref("var.secret_input"));
// Valid for every use: a JSON object (SSO configuration) of 50+ characters without spaces (SECRET_KEY).
const SECRET_VALUE = '{"stand-in":"0123456789012345678901234567890123456789012345678901234"}';

/** Outputs both flavours must agree on. */
const OUTPUTS = Object.values(CONTRACT_OUTPUTS)
  .map(({ name }) => name)
  .filter((name) => name !== CONTRACT_OUTPUTS.adminPasswordLocation.name);

/** The matrix: defaults, each size, an existing network, an existing database, SSO on, and the other switches. */
const MATRIX: Record<string, MathesarOnDigitalOceanProps> = {
  defaults: {},
  "size medium with a standby node": { size: "medium", database: { managed: { highAvailability: true } } },
  "size large, PostgreSQL 16, verify-full against the cluster's CA": {
    size: "large",
    database: { managed: { version: 16, sslMode: "verify-full" } },
  },
  "a domain in a DigitalOcean zone, tags, a name and a region": {
    name: "acme-data",
    region: "fra1",
    domainName: "data.example.org",
    domainZone: "example.org",
    tags: { client: "acme" },
  },
  "an existing database with its CA, protection off": {
    database: {
      existing: {
        host: "db.example.org",
        port: 25060,
        databaseName: "mathesar_acme",
        user: "mathesar_acme",
        sslMode: "verify-full",
        caCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        password: SECRET,
      },
    },
    deletionProtection: false,
  },
  "SSO required, a restored SECRET_KEY, env changes ignored": {
    sso: { configJson: SECRET, requireSsoLogin: true },
    secretKey: SECRET,
    ignoreEnvChanges: true,
    admin: { username: "root", email: "it@example.org" },
  },
  "a bigger app instance and node, a new VPC's range": {
    appInstanceSize: "apps-s-2vcpu-4gb",
    vpcIpRange: "10.20.0.0/20",
    database: { managed: { nodeSize: "db-s-2vcpu-4gb" } },
  },
};

/** The deployable stack for the props, synthesized into `dir`. */
function writeDeployableStack(dir: string, props: MathesarOnDigitalOceanProps): void {
  const outdir = path.join(dir, "out");
  const app = new App({ outdir });
  const stack = new DigitalOceanStack(app, "digitalocean", props);
  new TerraformVariable(stack, "secret_input", { type: "string", sensitive: true, default: SECRET_VALUE });
  app.synth();
  const config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "digitalocean", "cdk.tf.json"), "utf8"));
  // The local backend points outside the test folder; the plan needs none.
  delete config.terraform.backend;
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(config));
  fs.rmSync(outdir, { recursive: true, force: true });
}

/** A root configuration calling the module with the same settings (the settings table maps the names). */
function writeModuleCall(dir: string, props: MathesarOnDigitalOceanProps, moduleDir: string): void {
  const variables = JSON.parse(
    JSON.stringify(variablesFromProps(DO_SETTINGS, props)).replaceAll(
      JSON.stringify(SECRET).slice(1, -1),
      "${var.secret_input}",
    ),
  );
  const config = {
    terraform: { required_providers: { digitalocean: { source: "digitalocean/digitalocean" } } },
    provider: { digitalocean: {} },
    variable: { secret_input: { type: "string", sensitive: true, default: SECRET_VALUE } },
    module: { mathesar: { source: `./${path.relative(dir, moduleDir)}`, ...variables } },
    output: Object.fromEntries(OUTPUTS.map((name) => [name, { value: `\${module.mathesar.${name}}` }])),
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "DigitalOcean parity: the deployable stack and the published module plan the same resources (stand-in providers)",
  () => {
    const { standin, work } = standinWithModuleCopy(["digitalocean", "random"], MODULE, "do-parity");
    const plan = (dir: string): ParityPlan => {
      const result = planWithStandin(dir, standin.reattach);
      if (!result.ok) throw new Error(result.output);
      return result.plan as ParityPlan;
    };
    const flavours = (label: string, props: MathesarOnDigitalOceanProps, doctor?: (config: any) => void) => {
      const base = path.join(work, label.replace(/[^a-z0-9]+/gi, "-"));
      const stackDir = path.join(base, "stack");
      fs.mkdirSync(stackDir, { recursive: true });
      writeDeployableStack(stackDir, props);
      if (doctor) {
        const file = path.join(stackDir, "cdk.tf.json");
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        doctor(config);
        fs.writeFileSync(file, JSON.stringify(config));
      }
      // The module call sits beside the module copy, so its source is a plain relative path.
      const moduleDir = path.join(work, `${label.replace(/[^a-z0-9]+/gi, "-")}-module`);
      fs.mkdirSync(moduleDir, { recursive: true });
      writeModuleCall(moduleDir, props, path.join(work, MODULE));
      const options = {
        outputs: OUTPUTS,
        sameResource: { "digitalocean_app.this_ignoring_env": "digitalocean_app.this" },
      };
      return { stack: comparable(plan(stackDir), options), module: comparable(plan(moduleDir), options) };
    };

    test.each(Object.entries(MATRIX))(
      "%s",
      (label, props) => {
        const { stack, module } = flavours(label, props);
        expect(Object.keys((stack as { resources: object }).resources)).toEqual(
          expect.arrayContaining(["digitalocean_app.this", "terraform_data.deletion_guard"]),
        );
        expect(differences(stack, module)).toEqual([]);
      },
      180000,
    );

    test("the matrix covers each size, both databases, an existing VPC's absence and presence, SSO", () => {
      const all = JSON.stringify(Object.values(MATRIX));
      for (const needle of ['"medium"', '"large"', '"existing"', '"sso"', '"vpcIpRange"'])
        expect([needle, all.includes(needle)]).toEqual([needle, true]);
    });

    test("a deliberate difference in one flavour fails the comparison", () => {
      const { stack, module } = flavours("doctored", {}, (config) => {
        config.resource.digitalocean_database_cluster.this.node_count = 2;
      });
      expect(differences(stack, module)).toEqual([
        "resources.digitalocean_database_cluster.this.after.node_count: 2 (deployable stack) vs 1 (module)",
      ]);
    }, 180000);
  },
);
