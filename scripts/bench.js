#!/usr/bin/env node
/**
 * `npm run bench`: synth wall time and peak memory (max RSS) per target and for everything, beside the
 * floor of loading cdktf itself, all measured in this run. The TypeScript is compiled once first, so the
 * figures are what a library user running compiled JavaScript feels (no ts-node in the measurement).
 *
 * How it is measured: every scenario is a fresh `node -e` process (start-up and module loading included).
 * This script records its wall time, spawn to exit, and its CPU time: user + system seconds of the process
 * and of everything it ran and waited for (the `terraform version` checks cdktf spawns included), read on
 * Linux from this script's own children's counters in /proc/self/stat. The scenarios run in RUNS rounds
 * (BENCH_RUNS, default 5), each round in a rotated order, so a busy neighbour slows every scenario alike
 * instead of the one that happened to run last; medians (and the wall minimum) are printed.
 *
 * The gate (scripts/bench-gate.js): "all targets" (every deployable stack synthesized to disk plus every
 * dist/ module rendered in memory, what `npm run synth` does) must cost at most 5 times the floor
 * (`require("cdktf")`), comparing the two CPU-time medians of this run (wall-time medians where /proc is
 * missing). Both ratios are printed; above the limit the script exits non-zero (after the stand-in figures,
 * which BENCH_STANDIN=0 skips). A ratio, not milliseconds, so the gate means the same on a fast laptop and a
 * slow runner; CPU time, because on a shared 2-core machine wall time stretches with the neighbours' load
 * (a floor of 0.2 s idle measured 0.9-1.4 s at load average 15) while the work done does not.
 */
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const { MAX_RATIO, benchVerdict } = require("./bench-gate");

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
    (async () => {
      for (const t of selected) await renderBundle(t.moduleBundle());
      require("fs").rmSync(outdir, { recursive: true, force: true });
      ${report}
    })();`;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat times on Linux

/**
 * CPU milliseconds (user + system) of this process's terminated, waited-for children and their own waited-for
 * descendants: fields cutime and cstime of /proc/self/stat. `undefined` where there is no /proc.
 */
function childrenCpuMs() {
  let stat;
  try {
    stat = fs.readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  // After "pid (comm) ", fields start at state (field 3): cutime is field 16, cstime field 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** One fresh process for `scenario`: wall and CPU milliseconds, max RSS in MiB. */
function runOnce(scenario) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["-e", program(scenario)], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: "" },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${scenario} failed:\n${result.stderr}`);
  const cpuAfter = childrenCpuMs();
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { ms, cpuMs, mib: JSON.parse(result.stdout).maxRssKiB / 1024 };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];

const { TARGETS } = require(targetsModule);
const scenarios = ["floor", ...TARGETS.map((t) => t.stackName), "all"];
const samples = new Map(scenarios.map((s) => [s, []]));
const loadBefore = os.loadavg();
for (let round = 0; round < RUNS; round++) {
  // Rotated order: each scenario runs early in some rounds and late in others.
  for (let i = 0; i < scenarios.length; i++) {
    const scenario = scenarios[(i + round) % scenarios.length];
    samples.get(scenario).push(runOnce(scenario));
  }
}
const loadAfter = os.loadavg();
const rows = scenarios.map((scenario) => {
  const times = samples.get(scenario).map((s) => s.ms);
  const cpus = samples.get(scenario).map((s) => s.cpuMs);
  const memories = samples.get(scenario).map((s) => s.mib);
  return {
    scenario,
    medianMs: median(times),
    minMs: sorted(times)[0],
    cpuMs: cpus.includes(undefined) ? undefined : median(cpus),
    peakMiB: Math.max(...memories),
  };
});
const load = (l) => l.map((x) => x.toFixed(1)).join(" ");
console.log(
  `\nSynth benchmark (${RUNS} rounds, fresh node process per run, ${os.cpus().length} CPUs, node ` +
    `${process.version}, load average ${load(loadBefore)} before, ${load(loadAfter)} after)`,
);
const W = 26;
console.log(
  "scenario".padEnd(W) +
    "wall median ms".padStart(16) +
    "wall min ms".padStart(13) +
    "CPU median ms".padStart(15) +
    "peak MiB".padStart(10),
);
for (const r of rows) {
  const label = r.scenario === "floor" ? 'floor: require("cdktf")' : r.scenario === "all" ? "all targets" : r.scenario;
  console.log(
    label.padEnd(W) +
      r.medianMs.toFixed(0).padStart(16) +
      r.minMs.toFixed(0).padStart(13) +
      (r.cpuMs === undefined ? "n/a" : r.cpuMs.toFixed(0)).padStart(15) +
      r.peakMiB.toFixed(0).padStart(10),
  );
}
console.log("(each target = deployable stack synthesized to disk + its dist/ module rendered in memory)");
fs.rmSync(build, { recursive: true, force: true });

const floor = rows.find((r) => r.scenario === "floor");
const all = rows.find((r) => r.scenario === "all");
const verdict = benchVerdict(floor, all);
console.log(verdict.line);
if (!verdict.ok) {
  console.error(
    `npm run bench: synthesizing all targets cost ${verdict.ratio.toFixed(2)}x the ${verdict.measure} of ` +
      `require("cdktf") (limit ${MAX_RATIO}x). Profile it (docs/architecture.md, Speed) before merging.`,
  );
  process.exitCode = 1;
}

// The stand-in provider tier's figures (schema load, server start, validate/plan per configuration).
if (process.env.BENCH_STANDIN !== "0") {
  spawnSync(process.execPath, [path.join(__dirname, "bench-standin.js")], { stdio: "inherit" });
}
