/**
 * The Docker host target refuses bad input in both flavours with the same words: the construct at synth
 * time (here), and `terraform plan` of the published root module's variables (Terraform tier below).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { MathesarOnDockerHost, type MathesarOnDockerHostProps } from "../../modules/docker";
import { MathesarInputError } from "../../modules/mathesar";
import { dockerModuleBundle } from "../../stacks/docker/dist";
import { renderModule, sensitiveVariable } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";
import { DOCKER_BAD_INPUTS, propName, variableName } from "./bad-input-cases";

/** Builds the construct; a `${var.pw}` password in the table becomes a real sensitive variable. */
function build(props: MathesarOnDockerHostProps): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "bad");
  new DockerProvider(stack, "docker");
  const existing = props.database?.existing;
  const withSecret = existing
    ? { ...props, database: { existing: { ...existing, password: sensitiveVariable(stack, "pw") } } }
    : props;
  new MathesarOnDockerHost(stack, "Mathesar", withSecret);
  return stack;
}

const construct = DOCKER_BAD_INPUTS.filter((c) => c.props !== undefined).map(
  (c) => [c.what, c.props!, c.message(propName)] as const,
);

describe("MathesarOnDockerHost refuses bad input at synth time", () => {
  test("the table covers the issue's bad inputs", () => {
    const whats = DOCKER_BAD_INPUTS.map((c) => c.what).join("\n");
    for (const needle of ["empty database host", "latest", "not a host name", "out of range", "host port"])
      expect([needle, whats.includes(needle)]).toEqual([needle, true]);
    expect(construct.length).toBeGreaterThanOrEqual(15);
  });

  test.each(construct)("%s: a MathesarInputError naming prop, value and rule", (_what, props, message) => {
    let error: unknown;
    try {
      build(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MathesarInputError);
    expect((error as Error).message).toContain(message);
  });

  test("a SECRET_KEY or TLS key written as a literal is refused", () => {
    expect(() => build({ secretKey: "x".repeat(64) })).toThrow(/Invalid secretKey: must be a reference to a secret/);
    expect(() =>
      build({
        tls: "files",
        tlsCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        tlsPrivateKey: "-----BEGIN PRIVATE KEY-----",
      }),
    ).toThrow(/Invalid tlsPrivateKey: must be a reference to a secret/);
  });

  test("an existing database password written in code is refused", () => {
    const stack = new TerraformStack(Testing.app(), "literal");
    expect(
      () =>
        new MathesarOnDockerHost(stack, "Mathesar", {
          database: { existing: { host: "db.example.org", password: "hunter2" } },
        }),
    ).toThrow(/Invalid database.existing.password: must be a reference to a secret/);
  });

  test("nothing is built before the error", () => {
    const stack = new TerraformStack(Testing.app(), "bad");
    expect(() => new MathesarOnDockerHost(stack, "Mathesar", { mathesarVersion: "latest" })).toThrow(
      MathesarInputError,
    );
    expect(stack.node.findAll().filter((c) => c.node.path.includes("Mathesar/"))).toHaveLength(0);
  });

  test("valid edge values pass: port 1 and 65535, every TLS mode", () => {
    expect(() => build({ httpPort: 1, httpsPort: 65535 })).not.toThrow();
    for (const tls of ["acme", "internal", "none"] as const) expect(() => build({ tls })).not.toThrow();
  });
});

let dir: string;

function plan(vars: Record<string, string>): { ok: boolean; output: string } {
  const args = ["plan", "-input=false", "-refresh=false", "-no-color", "-lock=false"];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
  });
  const output = `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ");
  return { ok: result.status === 0, output };
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform validation of terraform-docker-mathesar inputs (same words as the construct)",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-docker-vars-"));
      const root = renderModule(dockerModuleBundle()).modules[""];
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: root.variable }));
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: dir,
        encoding: "utf8",
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the defaults pass", () => {
      const result = plan({});
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    test("a valid air-gapped configuration passes", () => {
      const result = plan({
        tls: "files",
        tls_certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        tls_private_key: "key",
        postgres_image: "registry.example.org:5000/mirror/library/postgres:17.6",
        image_repository: "registry.example.org:5000/mirror/mathesar/mathesar",
      });
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    const bad = DOCKER_BAD_INPUTS.filter((c) => c.variables !== undefined).map(
      (c) => [c.what, c.variables!, c.message(variableName)] as const,
    );

    test.each(bad)("refuses %s", (_what, vars, message) => {
      const result = plan(vars);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(message);
    });
  },
);
