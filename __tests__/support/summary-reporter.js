/**
 * Prints, after jest's own summary, every test tier that was skipped for a missing tool (what did not run
 * and how to make it run), then one plain closing line, "N passed, N failed, N skipped", so that CI logs
 * (and tools that read them) see the counts in a runner-neutral form.
 */
const SKIP_MARK = "[SKIPPED: ";

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skippedTiers = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const title = test.ancestorTitles.find((t) => t.includes(SKIP_MARK));
        if (test.status === "pending" && title) skippedTiers.set(title, (skippedTiers.get(title) ?? 0) + 1);
      }
    }
    if (skippedTiers.size > 0) {
      process.stdout.write(`\n${skippedTiers.size} test tier(s) did NOT run:\n`);
      for (const [title, count] of skippedTiers) process.stdout.write(`  - ${title} (${count} tests)\n`);
    }
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
