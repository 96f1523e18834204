/**
 * `tf-standin serve --provider hashicorp/google=@cdktf/provider-google [--provider ...] [--from DIR]`
 * Starts one server per provider, each on its own Unix socket in a fresh private directory, and prints
 * one line: the value for TF_REATTACH_PROVIDERS (with this process's own pid, which Terraform kills if
 * it cannot dial a socket). Runs until SIGTERM/SIGINT or until its standard input closes, so that it
 * never outlives the program that started it. `tf-standin schema --provider ...` prints the derived
 * schema instead (the cache is filled as a side effect).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadSchema, ProviderBinding } from "./cache";
import { compareProvider, formatSummary } from "./compare";
import { serveProvider, StandinServer } from "./server";

function parseArgs(argv: string[]): {
  command: string;
  providers: ProviderBinding[];
  from: string;
  real?: string;
  ephemeralFrom?: string;
  onlyTypes?: Set<string>;
} {
  const [command, ...rest] = argv;
  const providers: ProviderBinding[] = [];
  let from = process.cwd();
  let real: string | undefined;
  let ephemeralFrom: string | undefined;
  let onlyTypes: Set<string> | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--provider") {
      const [source, binding] = rest[++i].split("=");
      providers.push({ source, binding });
    } else if (rest[i] === "--from") from = rest[++i];
    else if (rest[i] === "--real") real = rest[++i];
    else if (rest[i] === "--ephemeral-from") ephemeralFrom = rest[++i];
    else if (rest[i] === "--only-types") {
      const list = rest[++i];
      onlyTypes = new Set(
        (list.startsWith("@") ? fs.readFileSync(list.slice(1), "utf8") : list).split(/[\s,]+/).filter(Boolean),
      );
    } else throw new Error(`unknown argument ${rest[i]}`);
  }
  if (!providers.length) throw new Error("at least one --provider <source>=<binding package> is needed");
  return { command, providers, from, real, ephemeralFrom, onlyTypes };
}

async function main(): Promise<void> {
  const { command, providers, from, real, ephemeralFrom, onlyTypes } = parseArgs(process.argv.slice(2));
  if (command === "compare") {
    // tf-standin compare --provider hashicorp/aws=@cdktf/provider-aws --real <terraform providers schema -json output>
    if (!real) throw new Error("compare needs --real <file>");
    const p = providers[0];
    const summary = compareProvider(JSON.parse(fs.readFileSync(real, "utf8")), loadSchema(p, from), p.source);
    process.stdout.write(`${formatSummary(p.source, summary)}\n`);
    return;
  }
  if (command === "schema") {
    for (const p of providers) process.stdout.write(`${JSON.stringify(loadSchema(p, from))}\n`);
    return;
  }
  if (command !== "serve") throw new Error(`unknown command ${command}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-standin-"));
  const servers: StandinServer[] = [];
  const reattach: Record<string, unknown> = {};
  for (const [i, p] of providers.entries()) {
    const socket = path.join(dir, `p${i}.sock`);
    const address = p.source.split("/").length === 2 ? `registry.terraform.io/${p.source}` : p.source;
    const schema = loadSchema(p, from);
    // cdktf bindings have no ephemeral resources: --ephemeral-from takes them from a real provider's
    // `terraform providers schema -json` (e.g. an older version's) for what-if runs against newer bindings.
    if (ephemeralFrom) {
      const real = JSON.parse(fs.readFileSync(ephemeralFrom, "utf8")) as {
        provider_schemas: Record<string, { ephemeral_resource_schemas?: typeof schema.ephemeral_resource_schemas }>;
      };
      Object.assign(
        schema.ephemeral_resource_schemas,
        real.provider_schemas[address]?.ephemeral_resource_schemas ?? {},
      );
    }
    // --only-types serves just the listed resource, data source ("data.x") and ephemeral ("ephemeral.x")
    // types: Terraform then spends less time on the schema (Google's is large). A type outside the list
    // gets Terraform's own "does not support resource type" error, without its "Did you mean" hint.
    if (onlyTypes) {
      const keep = <T>(m: Record<string, T>, prefix: string) =>
        Object.fromEntries(Object.entries(m).filter(([t]) => onlyTypes.has(`${prefix}${t}`)));
      schema.resource_schemas = keep(schema.resource_schemas, "");
      schema.data_source_schemas = keep(schema.data_source_schemas, "data.");
      schema.ephemeral_resource_schemas = keep(schema.ephemeral_resource_schemas, "ephemeral.");
    }
    servers.push(await serveProvider(schema, socket));
    // "Test": true makes Terraform speak protocol 6 to a reattached server (with false it assumes 5).
    reattach[address] = {
      Protocol: "grpc",
      ProtocolVersion: 6,
      Pid: process.pid,
      Test: true,
      Addr: { Network: "unix", String: socket },
    };
  }
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify(reattach)}\n`);
}

main().catch((err) => {
  process.stderr.write(`tf-standin: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
