/**
 * Parity of the Docker host target's two flavours: for each input of a matrix, the deployable stack
 * (DockerHostStack, the MathesarOnDockerHost construct) and the published module
 * (dist/terraform-docker-mathesar, called with the same props turned into its variables by the settings
 * table) are planned by real Terraform against stand-in docker and random providers (no Docker daemon is
 * needed or used: nothing is applied), and compared: resource types and counts, every planned argument,
 * which arguments are unknown, and the outputs. Documented exception: the `admin_password_location` output
 * (a module's outputs are read through its caller, so its text says so). A deliberate difference in one
 * flavour must make the comparison fail (the last test).
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformVariable, Token, ref } from "cdktf";
import type { MathesarOnDockerHostProps } from "../../modules/docker";
import { DOCKER_SETTINGS } from "../../modules/docker/settings";
import { CONTRACT_OUTPUTS } from "../../modules/mathesar";
import { variablesFromProps } from "../../modules/terraform/wiring";
import { DockerHostStack } from "../../stacks/docker/deploy-stack";
import { type ParityPlan, comparable, differences } from "../support/parity";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

const MODULE = "terraform-docker-mathesar";
/** Secrets are references in both flavours: a sensitive variable of the caller's root configuration. */
const SECRET = Token.asString(ref("var.secret_input"));
const SECRET_VALUE = "stand-in-0123456789012345678901234567890123456789012345678901234";
const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

/** Outputs both flavours must agree on. */
const OUTPUTS = [
  ...Object.values(CONTRACT_OUTPUTS)
    .map(({ name }) => name)
    .filter((name) => name !== CONTRACT_OUTPUTS.adminPasswordLocation.name),
  "uploads_volume",
  "database_volume",
];

/** The matrix: defaults, each TLS mode, an existing database, mirrored images, the admin switched off. */
const MATRIX: Record<string, MathesarOnDockerHostProps> = {
  defaults: {},
  "a public domain, a name, a restored SECRET_KEY": {
    name: "acme-data",
    domainName: "data.example.org",
    secretKey: SECRET,
    admin: { username: "root", email: "it@example.org" },
  },
  "an existing database": {
    database: {
      existing: { host: "db.example.org", port: 25060, databaseName: "mathesar_acme", user: "acme", password: SECRET },
    },
  },
  "an existing database with verify-full against the user's CA": {
    database: {
      existing: {
        host: "db.internal.example.org",
        sslMode: "verify-full",
        caCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        password: SECRET,
      },
    },
  },
  "behind the user's own proxy (tls none), no admin": {
    tls: "none",
    appPort: 8080,
    appBindAddress: "10.0.0.5",
    admin: { enabled: false },
  },
  "air-gapped: mirrored images, the user's certificate, other ports": {
    imageRepository: "registry.example.org:5000/mirror/mathesar/mathesar",
    postgresImage: "registry.example.org:5000/mirror/library/postgres:17.6",
    caddyImage: "registry.example.org:5000/mirror/library/caddy:2.10.2",
    tls: "files",
    tlsCertificate: CERTIFICATE,
    tlsPrivateKey: SECRET,
    httpPort: 8081,
    httpsPort: 8443,
  },
  "Caddy's internal CA": { tls: "internal", domainName: "mathesar.internal.example.org" },
};

/** The deployable stack for the props, synthesized into `dir`. */
function writeDeployableStack(dir: string, props: MathesarOnDockerHostProps): void {
  const outdir = path.join(dir, "out");
  const app = new App({ outdir });
  const stack = new DockerHostStack(app, "docker", props);
  new TerraformVariable(stack, "secret_input", { type: "string", sensitive: true, default: SECRET_VALUE });
  app.synth();
  const config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "docker", "cdk.tf.json"), "utf8"));
  delete config.terraform.backend;
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(config));
  fs.rmSync(outdir, { recursive: true, force: true });
}

/** A root configuration calling the module with the same settings (the settings table maps the names). */
function writeModuleCall(dir: string, props: MathesarOnDockerHostProps, moduleDir: string): void {
  const variables = JSON.parse(
    JSON.stringify(variablesFromProps(DOCKER_SETTINGS, props)).replaceAll(
      JSON.stringify(SECRET).slice(1, -1),
      "${var.secret_input}",
    ),
  );
  const config = {
    terraform: { required_providers: { docker: { source: "kreuzwerker/docker" } } },
    provider: { docker: {} },
    variable: { secret_input: { type: "string", sensitive: true, default: SECRET_VALUE } },
    module: { mathesar: { source: `./${path.relative(dir, moduleDir)}`, ...variables } },
    output: Object.fromEntries(OUTPUTS.map((name) => [name, { value: `\${module.mathesar.${name}}` }])),
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Docker host parity: the deployable stack and the published module plan the same resources (stand-in providers)",
  () => {
    const { standin, work } = standinWithModuleCopy(["docker", "random"], MODULE, "docker-parity");
    const plan = (dir: string): ParityPlan => {
      const result = planWithStandin(dir, standin.reattach);
      if (!result.ok) throw new Error(result.output);
      return result.plan as ParityPlan;
    };

    const flavours = (label: string, props: MathesarOnDockerHostProps, doctor?: (config: any) => void) => {
      const slug = label.replace(/[^a-z0-9]+/gi, "-");
      const stackDir = path.join(work, slug, "stack");
      fs.mkdirSync(stackDir, { recursive: true });
      writeDeployableStack(stackDir, props);
      if (doctor) {
        const file = path.join(stackDir, "cdk.tf.json");
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        doctor(config);
        fs.writeFileSync(file, JSON.stringify(config));
      }
      const moduleDir = path.join(work, `${slug}-module`);
      fs.mkdirSync(moduleDir, { recursive: true });
      writeModuleCall(moduleDir, props, path.join(work, MODULE));
      const options = { outputs: OUTPUTS };
      return { stack: comparable(plan(stackDir), options), module: comparable(plan(moduleDir), options) };
    };

    test.each(Object.entries(MATRIX))(
      "%s",
      (label, props) => {
        const { stack, module } = flavours(label, props);
        expect(Object.keys((stack as { resources: object }).resources)).toEqual(
          expect.arrayContaining(["docker_container.mathesar", "docker_container.bootstrap", "docker_network.this"]),
        );
        expect(differences(stack, module)).toEqual([]);
      },
      180000,
    );

    test("the matrix covers every TLS mode, both databases and mirrored images", () => {
      const all = JSON.stringify(Object.values(MATRIX));
      for (const needle of ['"none"', '"files"', '"internal"', '"existing"', "registry.example.org"])
        expect([needle, all.includes(needle)]).toEqual([needle, true]);
    });

    test("a deliberate difference in one flavour fails the comparison", () => {
      const { stack, module } = flavours("doctored", {}, (config) => {
        config.resource.docker_container.postgres.restart = "always";
      });
      expect(differences(stack, module)).toEqual([
        'resources.docker_container.postgres.after.restart: "always" (deployable stack) vs "unless-stopped" (module)',
      ]);
    }, 180000);
  },
);
