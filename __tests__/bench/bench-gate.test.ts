/**
 * The arithmetic of `npm run bench`'s gate (scripts/bench-gate.js): all targets within 5x the floor of
 * `require("cdktf")`. Nothing is timed here; the benchmark itself makes the measurement.
 */

interface Scenario {
  medianMs: number;
  cpuMs?: number;
}
interface Verdict {
  ok: boolean;
  ratio: number;
  cpuRatio?: number;
  wallRatio: number;
  measure: string;
  line: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gate = require("../../scripts/bench-gate.js") as {
  MAX_RATIO: number;
  benchVerdict(floor: Scenario, all: Scenario): Verdict;
};

describe("npm run bench gate", () => {
  it("allows at most 5 times the floor", () => {
    expect(gate.MAX_RATIO).toBe(5);
  });

  it("passes at exactly the limit and fails just above it, in CPU time", () => {
    expect(gate.benchVerdict({ medianMs: 300, cpuMs: 200 }, { medianMs: 1500, cpuMs: 1000 }).ok).toBe(true);
    const over = gate.benchVerdict({ medianMs: 300, cpuMs: 200 }, { medianMs: 1000, cpuMs: 1002 });
    expect(over.ok).toBe(false);
    expect(over.ratio).toBeCloseTo(5.01, 2);
    expect(over.line).toContain("5.01x in CPU time");
    expect(over.line).toContain("TOO SLOW");
  });

  it("judges CPU time when both scenarios have it, whatever the wall time says", () => {
    // A busy machine: wall time 8x, the work done 4x.
    const verdict = gate.benchVerdict({ medianMs: 1000, cpuMs: 300 }, { medianMs: 8000, cpuMs: 1200 });
    expect(verdict.ok).toBe(true);
    expect(verdict.measure).toBe("CPU time");
    expect(verdict.wallRatio).toBe(8);
    expect(verdict.line).toContain("4.00x in CPU time, 8.00x in wall time");
  });

  it("falls back to wall time when a scenario has no CPU figure", () => {
    const verdict = gate.benchVerdict({ medianMs: 200 }, { medianMs: 1200, cpuMs: 900 });
    expect(verdict.ok).toBe(false);
    expect(verdict.ratio).toBe(6);
    expect(verdict.measure).toMatch(/^wall time/);
    expect(verdict.line).toContain("n/a in CPU time, 6.00x in wall time");
  });

  it.each<[string, Scenario, Scenario]>([
    ["a zero floor", { medianMs: 0, cpuMs: 0 }, { medianMs: 100, cpuMs: 100 }],
    ["zero over zero", { medianMs: 0, cpuMs: 0 }, { medianMs: 0, cpuMs: 0 }],
    ["a NaN figure", { medianMs: 200, cpuMs: NaN }, { medianMs: 400, cpuMs: 300 }],
    ["an infinite figure", { medianMs: 200, cpuMs: 100 }, { medianMs: 400, cpuMs: Infinity }],
  ])("fails on a measurement it could not make: %s", (_name, floor, all) => {
    expect(gate.benchVerdict(floor, all).ok).toBe(false);
  });
});
