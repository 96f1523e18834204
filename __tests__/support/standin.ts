/**
 * The stand-in providers (tools/tf-standin) for the Terraform tiers: one server process serving every
 * provider these machines cannot install, attached to Terraform with TF_REATTACH_PROVIDERS.
 */
import { PROVIDER_BINDINGS } from "../../stacks/dist/hcl/schema";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "tools", "tf-standin", "bin", "tf-standin.js");

/** Provider local name → `source=binding`, as the stand-in's --provider takes it (the map the HCL renderer reads too). */
export const STANDIN_PROVIDERS = {
  google: standinProvider("hashicorp/google"),
  digitalocean: standinProvider("digitalocean/digitalocean"),
  random: standinProvider("hashicorp/random"),
  helm: standinProvider("hashicorp/helm"),
  kubernetes: standinProvider("hashicorp/kubernetes"),
  aws: standinProvider("hashicorp/aws"),
  docker: standinProvider("kreuzwerker/docker"),
} as const;

function standinProvider(source: string): string {
  const binding = PROVIDER_BINDINGS[source];
  if (!binding) throw new Error(`${source}: no cdktf binding in PROVIDER_BINDINGS`);
  return `${source}=${binding}`;
}

export type StandinName = keyof typeof STANDIN_PROVIDERS;

export class Standin {
  private child?: ChildProcess;
  /** The TF_REATTACH_PROVIDERS value. */
  public reattach = "";
  public startSeconds = 0;

  /** `onlyTypes`: serve just these types (see usedTypes): Terraform handles a smaller schema, faster. */
  constructor(
    private readonly providers: StandinName[],
    private readonly onlyTypes?: Set<string>,
  ) {}

  async start(): Promise<void> {
    const begin = process.hrtime.bigint();
    const args = [BIN, "serve", "--from", ROOT, ...this.providers.flatMap((p) => ["--provider", STANDIN_PROVIDERS[p]])];
    if (this.onlyTypes) args.push("--only-types", [...this.onlyTypes].sort().join(","));
    // stdin stays a pipe: the server exits when it closes, so it never outlives this process.
    this.child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
    this.reattach = await new Promise<string>((resolve, reject) => {
      let buffer = "";
      this.child!.stdout!.on("data", (data) => {
        buffer += String(data);
        const newline = buffer.indexOf("\n");
        if (newline >= 0) resolve(buffer.slice(0, newline));
      });
      this.child!.once("exit", (code) => reject(new Error(`tf-standin exited with ${code}`)));
    });
    this.startSeconds = Number(process.hrtime.bigint() - begin) / 1e9;
  }

  /** Environment for Terraform: the reattach settings, no CLI-config warning, no checkpoint calls. */
  env(): Record<string, string> {
    return { TF_REATTACH_PROVIDERS: this.reattach };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.stdin!.end();
      setTimeout(() => child.kill("SIGTERM"), 2000).unref();
    });
  }
}

/** Result of one Terraform command. */
export interface StandinRun {
  readonly ok: boolean;
  readonly output: string;
  readonly seconds: number;
}

/** Runs terraform in `dir` against the stand-ins (and a filesystem mirror for providers installed for real). */
export function terraform(dir: string, args: string[], reattach: string, cliConfig = "/dev/null"): StandinRun {
  const start = process.hrtime.bigint();
  const result = spawnSync("terraform", [...args, "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      TF_REATTACH_PROVIDERS: reattach,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
    },
  });
  return {
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}`,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
  };
}

/** Terraform's error titles (`Error: <title>`) in an output. */
export function errorTitles(output: string): string[] {
  return [...output.matchAll(/^Error: (.+)$/gm)].map((m) => m[1].trim());
}

/** init + validate + plan (-out plan.bin) + show -json; each step's result, stopping at the first failure. */
export function planWithStandin(
  dir: string,
  reattach: string,
  vars: Record<string, string> = {},
): {
  ok: boolean;
  output: string;
  steps: Record<string, number>;
  plan?: { resource_changes?: Array<{ address: string; type: string; change: { actions: string[]; after: unknown } }> };
} {
  const steps: Record<string, number> = {};
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
  const sequence: Array<[string, string[]]> = [
    // A local backend (the deployable stacks declare one) initializes offline; plan needs it initialized.
    ["init", ["init", "-input=false"]],
    ["validate", ["validate"]],
    ["plan", ["plan", "-refresh=false", "-input=false", "-lock=false", "-out=plan.bin", ...varArgs]],
  ];
  for (const [name, args] of sequence) {
    const run = terraform(dir, args, reattach);
    steps[name] = run.seconds;
    if (!run.ok) return { ok: false, output: `terraform ${name} failed in ${dir}:\n${run.output}`, steps };
  }
  const shown = terraform(dir, ["show", "-json", "plan.bin"], reattach);
  if (!shown.ok) return { ok: false, output: shown.output, steps };
  return { ok: true, output: "", steps, plan: JSON.parse(shown.output) };
}

/** Resource ("x"), data source ("data.x") and ephemeral ("ephemeral.x") types used by the configurations under `dir`. */
export function usedTypes(dir: string): Set<string> {
  const types = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const t of usedTypes(file)) types.add(t);
    } else if (entry.name.endsWith(".tf.json")) {
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown> | undefined>;
      for (const t of Object.keys(json.resource ?? {})) types.add(t);
      for (const t of Object.keys(json.data ?? {})) types.add(`data.${t}`);
      for (const t of Object.keys(json.ephemeral ?? {})) types.add(`ephemeral.${t}`);
    } else if (entry.name.endsWith(".tf")) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/^(resource|data|ephemeral) "(\w+)"/gm))
        types.add(m[1] === "resource" ? m[2] : `${m[1]}.${m[2]}`);
    }
  }
  return types;
}

/**
 * For one `describe` block: a stand-in server for `providers` and a scratch copy of a published module
 * (`dist/<moduleFolder>`) under a temporary folder, started before the block's tests and removed after them.
 */
export function standinWithModuleCopy(
  providers: StandinName[],
  moduleFolder: string,
  label: string,
): { readonly standin: Standin; readonly work: string } {
  const standin = new Standin(providers);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `mathesar-${label}-`));
  beforeAll(async () => {
    await standin.start();
    fs.cpSync(path.join(__dirname, "..", "..", "dist", moduleFolder), path.join(work, moduleFolder), {
      recursive: true,
    });
  }, 240000);
  afterAll(async () => {
    await standin.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });
  return { standin, work };
}
