/**
 * Terraform itself as a test tier for the AWS configurations: a CLI configuration that installs the
 * hashicorp/aws provider from this machine's filesystem mirror (the registry is unreachable), a small mock
 * of the AWS APIs a plan calls (Secrets Manager GetRandomPassword for the ephemeral passwords, EC2
 * DescribeAvailabilityZones), and helpers for init/validate/plan/show.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The provider copy the plans use. */
export const AWS_PROVIDER_VERSION = "5.100.0";

/** Where the filesystem mirror is: MATHESAR_TF_PLUGIN_MIRROR, or a known location holding hashicorp/aws. */
export function awsProviderMirror(): string | undefined {
  const candidates = [
    process.env.MATHESAR_TF_PLUGIN_MIRROR,
    "/opt/tf-plugins",
    path.join(os.homedir(), ".terraform.d", "plugins"),
    "/usr/share/terraform/plugins",
  ];
  return candidates.find(
    (dir): dir is string =>
      !!dir && fs.existsSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION)),
  );
}

/** The value the mock returns for every generated password: it must never appear in a plan or state. */
export const MOCK_RANDOM_PASSWORD = "MockGeneratedSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

/** The mock of the AWS read APIs a plan calls, in a child process on 127.0.0.1; requests are logged. */
export class AwsMock {
  private child?: ChildProcess;
  private readonly log = path.join(os.tmpdir(), `mathesar-aws-mock-${process.pid}.log`);
  public port = 0;

  async start(): Promise<void> {
    fs.writeFileSync(this.log, "");
    this.child = spawn(process.execPath, [path.join(__dirname, "aws-mock-server.js"), this.log, MOCK_RANDOM_PASSWORD], {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    this.port = await new Promise<number>((resolve, reject) => {
      this.child!.stdout!.once("data", (data) => resolve(Number(String(data).trim())));
      this.child!.once("exit", (code) => reject(new Error(`AWS mock exited with ${code}`)));
    });
  }

  async stop(): Promise<void> {
    this.child?.kill();
    fs.rmSync(this.log, { force: true });
  }

  /** The API calls answered so far (X-Amz-Target, or the query Action). */
  get requests(): string[] {
    return fs.readFileSync(this.log, "utf8").split("\n").filter(Boolean);
  }

  /** A `*_override.tf.json` that points the aws provider at the mock with fake credentials. */
  providerOverride(): string {
    const endpoint = `http://127.0.0.1:${this.port}`;
    return JSON.stringify({
      provider: {
        aws: {
          access_key: "mock-access-key",
          secret_key: "mock-secret-key",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          endpoints: [{ secretsmanager: endpoint, ec2: endpoint, sts: endpoint }],
        },
      },
    });
  }
}

/** Result of a Terraform command. */
export interface TerraformResult {
  readonly ok: boolean;
  readonly output: string;
  readonly seconds: number;
}

/** A working directory with the CLI configuration for the mirror. */
export class TerraformWorkspace {
  public readonly dir: string;
  private readonly cliConfig: string;

  constructor(mirror: string, label: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `mathesar-tf-${label}-`));
    // One cache per jest worker: Terraform's plugin cache is not safe for concurrent inits (two test files
    // initializing at once failed with "Failed to update dependency lock file").
    const cache = path.join(os.tmpdir(), `mathesar-tf-plugin-cache-${process.pid}`);
    fs.mkdirSync(cache, { recursive: true });
    this.cliConfig = path.join(this.dir, ".terraformrc");
    fs.writeFileSync(
      this.cliConfig,
      `plugin_cache_dir = "${cache}"\nprovider_installation {\n  filesystem_mirror {\n    path    = ` +
        `"${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
  }

  /** Writes a file relative to the workspace. */
  write(relative: string, content: string): void {
    const file = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  /** Runs terraform in `subdir` (relative). */
  run(args: string[], subdir = "."): TerraformResult {
    const start = process.hrtime.bigint();
    const result = spawnSync("terraform", [...args, "-no-color"], {
      cwd: path.join(this.dir, subdir),
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: this.cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    });
    return {
      ok: result.status === 0,
      output: `${result.stdout}${result.stderr}`,
      seconds: Number(process.hrtime.bigint() - start) / 1e9,
    };
  }

  /** init + validate + plan + show -json in `subdir`; throws with Terraform's output on failure. */
  planJson(
    subdir = ".",
    vars: Record<string, string> = {},
  ): { plan: PlanJson; raw: string; timings: Record<string, number> } {
    const timings: Record<string, number> = {};
    const step = (name: string, args: string[]) => {
      const result = this.run(args, subdir);
      timings[name] = result.seconds;
      if (!result.ok) throw new Error(`terraform ${name} failed in ${subdir}:\n${result.output}`);
      return result;
    };
    step("init", ["init", "-backend=false", "-input=false"]);
    step("validate", ["validate"]);
    const varArgs = Object.entries(vars).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
    step("plan", ["plan", "-refresh=false", "-input=false", "-lock=false", "-out=plan.bin", ...varArgs]);
    const shown = this.run(["show", "-json", "plan.bin"], subdir);
    if (!shown.ok) throw new Error(shown.output);
    return { plan: JSON.parse(shown.output) as PlanJson, raw: shown.output, timings };
  }

  /** Deletes the workspace. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The parts of `terraform show -json` the tests read. */
export interface PlanJson {
  configuration?: { root_module?: ConfigModule };
  resource_changes: Array<{
    address: string;
    type: string;
    change: { actions: string[]; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
  }>;
}

/** Planned resources by type. */
export function countByType(plan: PlanJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of plan.resource_changes)
    if (!r.change.actions.includes("no-op")) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** The planned values (after) of resources of a type. */
export function planned(plan: PlanJson, type: string): Array<Record<string, unknown>> {
  return plan.resource_changes.filter((r) => r.type === type).map((r) => r.change.after ?? {});
}

/** A module's configuration in `terraform show -json` (the parts the dependency walk reads). */
interface ConfigModule {
  resources?: Array<{ address: string; expressions?: unknown }>;
  module_calls?: Record<string, { expressions?: Record<string, unknown>; module?: ConfigModule }>;
  outputs?: Record<string, { expression?: unknown }>;
}

/** Every `references` entry anywhere under an expression tree. */
function referencesIn(expression: unknown): string[] {
  if (Array.isArray(expression)) return expression.flatMap(referencesIn);
  if (expression === null || typeof expression !== "object") return [];
  const own = (expression as { references?: unknown }).references;
  const nested = Object.entries(expression as Record<string, unknown>)
    .filter(([key]) => key !== "references")
    .flatMap(([, value]) => referencesIn(value));
  return [...(Array.isArray(own) ? (own as string[]) : []), ...nested];
}

/**
 * Resources whose configuration depends, directly or through other resources, locals, module inputs and
 * outputs, on the root variable `variable` — read from Terraform's own reference analysis (the
 * `configuration` section of `terraform show -json`). Addresses are module-qualified.
 */
export function resourcesDependingOn(
  plan: { configuration?: { root_module?: ConfigModule } },
  variable: string,
): string[] {
  const found = new Set<string>();
  const visit = (module: ConfigModule, prefix: string, tainted: Set<string>): Set<string> => {
    const outputs = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      const hit = (expression: unknown) =>
        referencesIn(expression).some((ref) => tainted.has(ref) || [...tainted].some((t) => ref.startsWith(`${t}.`)));
      for (const resource of module.resources ?? []) {
        if (!tainted.has(resource.address) && hit(resource.expressions)) {
          tainted.add(resource.address);
          found.add(`${prefix}${resource.address}`);
          changed = true;
        }
      }
      for (const [name, call] of Object.entries(module.module_calls ?? {})) {
        const inputs = new Set(
          Object.entries(call.expressions ?? {})
            .filter(([, e]) => hit(e))
            .map(([input]) => `var.${input}`),
        );
        if (inputs.size === 0 || !call.module) continue;
        for (const output of visit(call.module, `${prefix}module.${name}.`, inputs)) {
          const ref = `module.${name}.${output}`;
          if (!tainted.has(ref)) {
            tainted.add(ref);
            changed = true;
          }
        }
      }
    }
    for (const [name, output] of Object.entries(module.outputs ?? {})) {
      if (
        referencesIn(output.expression).some(
          (ref) => tainted.has(ref) || [...tainted].some((t) => ref.startsWith(`${t}.`)),
        )
      )
        outputs.add(name);
    }
    return outputs;
  };
  const root = plan.configuration?.root_module;
  if (root) visit(root, "", new Set([`var.${variable}`]));
  return [...found].sort();
}
