#!/usr/bin/env node
/**
 * `npm run bench`: synth wall time and peak memory (max RSS) per target and for everything, beside the
 * floor of loading cdktf itself, all measured in this run. The TypeScript is compiled once first, so the
 * figures are what a library user running compiled JavaScript feels (no ts-node in the measurement).
 * Each scenario runs in a fresh Node process RUNS times; the median and the minimum are printed.
 */
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const RUNS = Number(process.env.BENCH_RUNS || 5);
const root = path.join(__dirname, "..");
// Inside the repository so that compiled files resolve node_modules (build/ is git-ignored).
const build = path.join(root, "build", "bench");
fs.rmSync(build, { recursive: true, force: true });

execFileSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", root, "--outDir", build, "--noEmit", "false", "--declaration", "false"],
  { stdio: "inherit" },
);
const targetsModule = path.join(build, "stacks", "targets.js");
const bundleModule = path.join(build, "stacks", "dist", "bundle.js");

/** Child-process program for a scenario: do the work, then report max RSS in KiB. */
function program(scenario) {
  const report = "process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }))";
  if (scenario === "floor") return `require("cdktf"); ${report}`;
  const filter = scenario === "all" ? "() => true" : `(t) => t.stackName === ${JSON.stringify(scenario)}`;
  return `
    const { App } = require("cdktf");
    const { TARGETS } = require(${JSON.stringify(targetsModule)});
    const { renderBundle } = require(${JSON.stringify(bundleModule)});
    const outdir = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "bench-out-"));
    const app = new App({ outdir });
    const selected = TARGETS.filter(${filter});
    for (const t of selected) t.addDeployableStack(app);
    app.synth();
    for (const t of selected) renderBundle(t.moduleBundle());
    require("fs").rmSync(outdir, { recursive: true, force: true });
    ${report}`;
}

function measure(scenario) {
  const times = [];
  const memories = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-e", program(scenario)], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: "" },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${scenario} failed:\n${result.stderr}`);
    times.push(ms);
    memories.push(JSON.parse(result.stdout).maxRssKiB / 1024);
  }
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
  return { scenario, medianMs: median(times), minMs: sorted(times)[0], peakMiB: Math.max(...memories) };
}

const { TARGETS } = require(targetsModule);
const scenarios = ["floor", ...TARGETS.map((t) => t.stackName), "all"];
const rows = scenarios.map(measure);
console.log(
  `\nSynth benchmark (${RUNS} runs each, fresh node process per run, ${os.cpus().length} CPUs, node ${process.version})`,
);
const W = 26;
console.log("scenario".padEnd(W) + "median ms".padStart(11) + "min ms".padStart(9) + "peak MiB".padStart(10));
for (const r of rows) {
  const label = r.scenario === "floor" ? 'floor: require("cdktf")' : r.scenario === "all" ? "all targets" : r.scenario;
  console.log(
    label.padEnd(W) +
      r.medianMs.toFixed(0).padStart(11) +
      r.minMs.toFixed(0).padStart(9) +
      r.peakMiB.toFixed(0).padStart(10),
  );
}
console.log("(each target = deployable stack synthesized to disk + its dist/ module rendered in memory)");
fs.rmSync(build, { recursive: true, force: true });

// The stand-in provider tier's figures (schema load, server start, validate/plan per configuration).
spawnSync(process.execPath, [path.join(__dirname, "bench-standin.js")], { stdio: "inherit" });
