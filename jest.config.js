/** Jest runs TypeScript through ts-jest in isolatedModules mode (transpile only);
 * `npm test` type-checks the whole tree once with `tsc --noEmit` before jest starts. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  testTimeout: 120000,
  reporters: ["default", "<rootDir>/__tests__/support/summary-reporter.js"],
};
