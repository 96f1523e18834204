/**
 * The verdict of `npm run bench` (scripts/bench.js): all targets against the floor of `require("cdktf")`,
 * measured in the same run. Apart from the benchmark so that its arithmetic is tested without timing anything.
 */

/** All targets may cost at most this many times the floor. */
const MAX_RATIO = 5;

/**
 * Compares the medians of the two scenarios: CPU time when both have it (robust to a busy machine), wall time
 * otherwise. A ratio that is not a finite number (a floor of 0, a missing figure) fails: the gate never passes
 * on a measurement it could not make.
 * @param {{ medianMs: number, cpuMs?: number }} floor the `require("cdktf")` scenario
 * @param {{ medianMs: number, cpuMs?: number }} all the all-targets scenario
 * @returns {{ ok: boolean, ratio: number, cpuRatio?: number, wallRatio: number, measure: string, line: string }}
 */
function benchVerdict(floor, all) {
  const wallRatio = all.medianMs / floor.medianMs;
  const hasCpu = typeof floor.cpuMs === "number" && typeof all.cpuMs === "number";
  const cpuRatio = hasCpu ? all.cpuMs / floor.cpuMs : undefined;
  const ratio = hasCpu ? cpuRatio : wallRatio;
  const measure = hasCpu ? "CPU time" : "wall time (no CPU figures here)";
  const ok = Number.isFinite(ratio) && ratio <= MAX_RATIO;
  const shown = (r) => (r === undefined ? "n/a" : `${r.toFixed(2)}x`);
  const line =
    `all targets / floor: ${shown(cpuRatio)} in CPU time, ${shown(wallRatio)} in wall time (medians); the ` +
    `limit is ${MAX_RATIO}x in ${measure}: ${ok ? "ok" : "TOO SLOW"}`;
  return { ok, ratio, cpuRatio, wallRatio, measure, line };
}

module.exports = { MAX_RATIO, benchVerdict };
