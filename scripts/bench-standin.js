#!/usr/bin/env node
/**
 * Benchmark of the stand-in provider tier (tools/tf-standin), called by `npm run bench` (or run alone):
 * schema derivation (cold, into an empty cache) and load (warm) per provider, server start with the compact
 * Google schema, and init/validate/plan wall time per configuration of the tier (every Google, DigitalOcean
 * and Kubernetes example), beside one AWS example planned with the real hashicorp/aws provider and its mock.
 * The load average is printed with the figures: on a shared machine wall times stretch with it.
 */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const bin = path.join(root, "tools", "tf-standin", "bin", "tf-standin.js");
const PROVIDERS = {
  google: "hashicorp/google=@cdktf/provider-google",
  digitalocean: "digitalocean/digitalocean=@cdktf/provider-digitalocean",
  random: "hashicorp/random=@cdktf/provider-random",
  helm: "hashicorp/helm=@cdktf/provider-helm",
  kubernetes: "hashicorp/kubernetes=@cdktf/provider-kubernetes",
  aws: "hashicorp/aws=@cdktf/provider-aws",
};
const VARS = {
  database_password: "stand-in-password-0123456789",
  database_host: "db.example.internal",
  project: "standin-project",
  location: "europe-west1",
  cluster_name: "standin-cluster",
};

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (s) => `${s.toFixed(2)} s`;

function hasTerraform() {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}

/** Schema derivation into an empty cache, then a load from it, per provider (fresh node process each). */
function schemaFigures() {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "bench-standin-cache-"));
  const rows = [];
  for (const [name, spec] of Object.entries(PROVIDERS)) {
    const run = () => {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, "schema", "--provider", spec, "--from", root], {
        env: { ...process.env, TF_STANDIN_CACHE: cache },
        maxBuffer: 512 << 20,
      });
      if (r.status !== 0) throw new Error(String(r.stderr));
      return seconds(start);
    };
    const cold = run();
    const warm = run();
    const file = fs.readdirSync(cache).find((f) => f.includes(name) && f.endsWith(".json"));
    rows.push({ name, cold, warm, kib: fs.statSync(path.join(cache, file)).size / 1024 });
  }
  fs.rmSync(cache, { recursive: true, force: true });
  return rows;
}

/** Starts a server; resolves with the reattach line and the time to it. */
function startServer(names) {
  return startServerWith(names, []);
}

function startServerWith(names, extra) {
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [bin, "serve", "--from", root, ...names.flatMap((n) => ["--provider", PROVIDERS[n]]), ...extra],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (d) => {
      buffer += d;
      const i = buffer.indexOf("\n");
      if (i >= 0) resolve({ child, reattach: buffer.slice(0, i), seconds: seconds(start) });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}

// Terraform's own CPU time (user + system), independent of the machine's load, where GNU time exists.
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const cpu = [];

function terraform(dir, args, env) {
  const start = process.hrtime.bigint();
  const command = TIME
    ? [TIME, ["-f", "cpu %U %S", "terraform", ...args, "-no-color"]]
    : ["terraform", [...args, "-no-color"]];
  const r = spawnSync(command[0], command[1], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env },
  });
  if (r.status !== 0) throw new Error(`terraform ${args[0]} failed in ${dir}:\n${r.stdout}${r.stderr}`);
  const used = /cpu ([0-9.]+) ([0-9.]+)\s*$/.exec(r.stderr);
  cpu.push(used ? Number(used[1]) + Number(used[2]) : NaN);
  return seconds(start);
}

function requiredVars(mainTf) {
  return [...mainTf.matchAll(/^variable "([\w-]+)" \{\n([\s\S]*?)^\}/gm)]
    .filter((m) => !/^\s*default\s*=/m.test(m[2]))
    .map((m) => m[1]);
}

function planConfig(dir, env) {
  const vars = fs.existsSync(path.join(dir, "main.tf"))
    ? requiredVars(fs.readFileSync(path.join(dir, "main.tf"), "utf8")).flatMap((v) => ["-var", `${v}=${VARS[v]}`])
    : [];
  const init = terraform(dir, ["init", "-input=false"], env);
  const validate = terraform(dir, ["validate"], env);
  const plan = terraform(dir, ["plan", "-refresh=false", "-input=false", "-lock=false", ...vars], env);
  return { init, validate, plan, planCpu: cpu[cpu.length - 1] };
}

/** One AWS example with the real provider (filesystem mirror) and the AWS mock, for comparison. */
async function awsFigure(work) {
  const mirror = [process.env.MATHESAR_TF_PLUGIN_MIRROR, "/opt/tf-plugins"].find(
    (d) => d && fs.existsSync(path.join(d, "registry.terraform.io", "hashicorp", "aws")),
  );
  if (!mirror) return undefined;
  const log = path.join(work, "aws-mock.log");
  const mock = spawn(
    process.execPath,
    [path.join(root, "__tests__", "support", "aws-mock-server.js"), log, "BenchMockPassword0123456789"],
    { stdio: ["ignore", "pipe", "inherit", "ipc"] },
  );
  const port = await new Promise((resolve) => mock.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  try {
    fs.cpSync(path.join(root, "dist", "terraform-aws-mathesar"), path.join(work, "terraform-aws-mathesar"), {
      recursive: true,
    });
    const dir = path.join(work, "terraform-aws-mathesar", "examples", "complete");
    const endpoint = `http://127.0.0.1:${port}`;
    fs.writeFileSync(
      path.join(dir, "mock_override.tf.json"),
      JSON.stringify({
        provider: {
          aws: {
            access_key: "mock",
            secret_key: "mock",
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: true,
            skip_region_validation: true,
            endpoints: [{ secretsmanager: endpoint, ec2: endpoint, sts: endpoint }],
          },
        },
      }),
    );
    const rc = path.join(work, "aws.terraformrc");
    fs.writeFileSync(
      rc,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    return planConfig(dir, { TF_CLI_CONFIG_FILE: rc });
  } finally {
    mock.kill();
  }
}

async function main() {
  console.log(
    `\nStand-in provider benchmark (${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
  console.log("schema per provider: derive into an empty cache / load from the cache / cache file size");
  for (const r of schemaFigures())
    console.log(
      `  ${r.name.padEnd(14)} ${fmt(r.cold).padStart(8)} ${fmt(r.warm).padStart(8)} ${`${r.kib.toFixed(0)} KiB`.padStart(10)}`,
    );
  if (!hasTerraform()) {
    console.log("terraform is not installed: plan figures skipped");
    return;
  }
  const google = await startServer(["google"]);
  console.log(`server ready with the compact Google schema: ${fmt(google.seconds)}`);
  google.child.stdin.end();
  const all = await startServer(["google", "digitalocean", "random", "helm", "kubernetes", "aws"]);
  console.log(`server ready with all six schemas (the tier's server): ${fmt(all.seconds)}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-standin-"));
  const env = { TF_REATTACH_PROVIDERS: all.reattach, TF_CLI_CONFIG_FILE: "/dev/null" };
  let total = all.seconds;
  try {
    console.log(
      "configuration (wall times; plan CPU = Terraform's user+system seconds)".padEnd(58) +
        "init".padStart(8) +
        "validate".padStart(10) +
        "plan".padStart(8) +
        "plan CPU".padStart(10),
    );
    for (const target of ["google", "digitalocean", "kubernetes"]) {
      const name = `terraform-${target}-mathesar`;
      fs.cpSync(path.join(root, "dist", name), path.join(work, name), { recursive: true });
      for (const example of fs.readdirSync(path.join(work, name, "examples")).sort()) {
        const t = planConfig(path.join(work, name, "examples", example), env);
        total += t.init + t.validate + t.plan;
        console.log(
          `${name}/examples/${example}`.padEnd(58) +
            fmt(t.init).padStart(8) +
            fmt(t.validate).padStart(10) +
            fmt(t.plan).padStart(8) +
            fmt(t.planCpu).padStart(10),
        );
      }
    }
    console.log(
      `stand-in configurations, server start included: ${fmt(total)} (the test tier adds synthesis of the deployable stacks and plan JSON)`,
    );
    // The tier serves only the types its configurations use (--only-types): the same Google plans again.
    // Module files may be HCL (`*.tf`, blocks at the start of a line as terraform fmt writes them) or
    // Terraform JSON (`*.tf.json`): both are read, as __tests__/support/standin.ts usedTypes does.
    const types = new Set();
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name.endsWith(".tf.json")) {
          const j = JSON.parse(fs.readFileSync(f, "utf8"));
          for (const [k, prefix] of [
            ["resource", ""],
            ["data", "data."],
            ["ephemeral", "ephemeral."],
          ])
            for (const t of Object.keys(j[k] || {})) types.add(`${prefix}${t}`);
        } else if (e.name.endsWith(".tf")) {
          for (const m of fs.readFileSync(f, "utf8").matchAll(/^(resource|data|ephemeral) "(\w+)"/gm))
            types.add(m[1] === "resource" ? m[2] : `${m[1]}.${m[2]}`);
        }
      }
    };
    walk(path.join(work, "terraform-google-mathesar"));
    const pruned = await startServerWith(["google", "random"], ["--only-types", [...types].join(",")]);
    console.log(`server ready with the Google types the module uses (--only-types): ${fmt(pruned.seconds)}`);
    try {
      for (const example of fs.readdirSync(path.join(work, "terraform-google-mathesar", "examples")).sort()) {
        const t = planConfig(path.join(work, "terraform-google-mathesar", "examples", example), {
          TF_REATTACH_PROVIDERS: pruned.reattach,
          TF_CLI_CONFIG_FILE: "/dev/null",
        });
        console.log(
          `--only-types: terraform-google-mathesar/examples/${example}`.padEnd(58) +
            fmt(t.init).padStart(8) +
            fmt(t.validate).padStart(10) +
            fmt(t.plan).padStart(8) +
            fmt(t.planCpu).padStart(10),
        );
      }
    } finally {
      pruned.child.stdin.end();
    }
    const aws = await awsFigure(work);
    if (aws)
      console.log(
        "real hashicorp/aws 5.100.0: terraform-aws-mathesar/examples/complete".padEnd(58) +
          `${fmt(aws.init).padStart(8)}${fmt(aws.validate).padStart(10)}` +
          `${fmt(aws.plan).padStart(8)}${fmt(aws.planCpu).padStart(10)}`,
      );
  } finally {
    all.child.stdin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
