/**
 * The published shape, proven on a real install: `npm pack` the library, install the tarball into a scratch
 * project with only cdktf, constructs and @cdktf/provider-aws, type-check and synthesize an AWS stack there,
 * and measure the install's footprint. It needs the npm registry (or a warm npm cache); CI requires it.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { describeWithTool } from "../support/tools";

const root = resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

/** Runs a command, failing with its output when it exits non-zero. */
function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Bytes on disk under a folder (`du -sb`). */
function bytes(path: string): number {
  return Number(run("du", ["-sb", path], root).split("\t")[0]);
}

const megabytes = (n: number) => `${Math.round(n / 1e6)} MB`;

// `npm ping` asks the configured registry; a reachable registry is the tool this tier needs.
const registryReachable = spawnSync("npm", ["ping"], { stdio: "ignore", timeout: 30_000 }).status === 0;

const SCRIPT = `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws } from "@mathesar-deploy/cdktf/aws";
import { DEFAULT_MATHESAR_VERSION } from "@mathesar-deploy/cdktf/mathesar";

const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "mathesar");
new AwsProvider(stack, "aws", { region: "eu-central-1" });
new MathesarOnAws(stack, "Mathesar", { domainName: "mathesar.example.org" });
app.synth();
console.log(DEFAULT_MATHESAR_VERSION);
`;

describeWithTool("npm registry", registryReachable, "npm package: pack, install with one provider, synth", () => {
  let work: string;
  let scratch: string;
  let tarball: string;
  let footprint: number;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "mathesar-pack-"));
    // `npm pack` runs prepack (the build) first, as `npm publish` does.
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], root)) as Array<{
      filename: string;
    }>;
    tarball = join(work, packed[0].filename);
    scratch = join(work, "app");
    run("mkdir", [scratch], work);
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({
        name: "scratch-aws-user",
        private: true,
        dependencies: {
          [pkg.name]: `file:${tarball}`,
          cdktf: pkg.devDependencies.cdktf,
          constructs: pkg.devDependencies.constructs,
          "@cdktf/provider-aws": pkg.devDependencies["@cdktf/provider-aws"],
        },
      }),
    );
    run("npm", ["install", "--no-audit", "--no-fund"], scratch);
    footprint = bytes(join(scratch, "node_modules"));
    writeFileSync(join(scratch, "main.ts"), SCRIPT);
  }, 900_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the tarball holds the built entry points and no sources or tests", () => {
    const listing = run("tar", ["-tzf", tarball], work).trim().split("\n");
    for (const target of ["", "aws/", "google/", "digitalocean/", "kubernetes/", "docker/", "mathesar/"]) {
      expect(listing).toContain(`package/build/modules/${target}index.js`);
      expect(listing).toContain(`package/build/modules/${target}index.d.ts`);
    }
    expect(listing.filter((file) => /\.ts$/.test(file) && !/\.d\.ts$/.test(file))).toEqual([]);
    expect(listing.filter((file) => /__tests__|\/stacks\//.test(file))).toEqual([]);
  });

  test("only the AWS provider is installed: optional peers stay out", () => {
    const cdktfScope = readdirSync(join(scratch, "node_modules", "@cdktf"));
    const providers = cdktfScope.filter((name) => name.startsWith("provider-"));
    expect(providers).toEqual(["provider-aws"]);
  });

  test("the AWS subpath type-checks (node16 and node10 resolution) and synthesizes the ECS service", () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    // Both resolutions a consumer may use: node16 reads `exports`, node10 (moduleResolution "node") reads
    // `typesVersions`; the second compile emits the main.js that runs below.
    for (const [module, moduleResolution] of [
      ["node16", "node16"],
      ["commonjs", "node10"],
    ]) {
      const compilerOptions = { strict: true, module, moduleResolution, target: "ES2022", types: [] };
      writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
      run(process.execPath, [tsc, "-p", "tsconfig.json"], scratch);
    }
    const printed = run(process.execPath, ["main.js"], scratch).trim();
    const config = JSON.parse(readFileSync(join(scratch, "out", "stacks", "mathesar", "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(config.resource.aws_ecs_service ?? {})).toHaveLength(1);
    expect(JSON.stringify(config.resource.aws_ecs_task_definition)).toContain(`mathesar/mathesar:${printed}`);
  }, 300_000);

  test("the root entry point names the provider it misses; deep paths are closed", () => {
    const rootImport = spawnSync(process.execPath, ["-e", `require("${pkg.name}")`], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(rootImport.status).not.toBe(0);
    expect(rootImport.stderr).toMatch(
      /Cannot find module '@cdktf\/provider-(digitalocean|random|google|kubernetes|helm|docker)/,
    );
    const deep = spawnSync(process.execPath, ["-e", `require("${pkg.name}/build/modules/aws")`], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(deep.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  test("the install's footprint is measured: under half of what every provider would weigh", () => {
    const ours = join(root, "node_modules", "@cdktf");
    const others = Object.keys(pkg.peerDependencies)
      .filter((name) => name.startsWith("@cdktf/provider-") && name !== "@cdktf/provider-aws")
      .map((name) => join(ours, name.slice("@cdktf/".length)));
    // Our own dev install holds every pinned provider; a missing one would understate the comparison.
    expect(others.filter((path) => !existsSync(path))).toEqual([]);
    const othersBytes = others.reduce((sum, path) => sum + bytes(path), 0);
    const aws = bytes(join(scratch, "node_modules", "@cdktf", "provider-aws"));
    // Before this change every provider was a dependency: the same install plus the six other bindings.
    const everyProvider = footprint + othersBytes;
    console.log(
      `npm package footprint (du -sb node_modules): AWS-only install ${megabytes(footprint)} ` +
        `(provider-aws ${megabytes(aws)}); with every provider, as when they were dependencies, ` +
        `${megabytes(everyProvider)} (modelled: this install plus the six other bindings from our own install)`,
    );
    expect(footprint).toBeLessThan(everyProvider / 2);
  });
});
