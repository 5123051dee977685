import { appendFileSync } from "node:fs";
import type { Reporter, SerializedError, TestModule } from "vitest/node";
import { formatTally } from "./tally.ts";

/**
 * Prints the run's outcome as the plain line CI reads (see tally.ts). With
 * STOCKWIRE_TEST_TALLY set (.ci/run), the counts are appended to that file instead, so .ci/run
 * closes with the total over both engines as the only count line of the whole run.
 */
export default class TallyReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
  ): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") failedTests++;
        else counts.skipped++;
      }
      // A file that failed outside its tests (a beforeAll that timed out, an import that threw)
      // leaves its tests skipped: it still counts as one failure, never as a clean run.
      counts.failed += failedTests > 0 ? failedTests : module.state() === "failed" ? 1 : 0;
    }
    // An error thrown after its test ended fails the run as vitest itself does.
    counts.failed += unhandledErrors.length;
    const tally = process.env.STOCKWIRE_TEST_TALLY;
    if (!tally) {
      process.stdout.write(`\n${formatTally(counts)}\n`);
      return;
    }
    // Under .ci/run this engine's counts go to the tally file, and the line printed here is
    // shaped unlike any runner's count: the run's only count is the total .ci/run closes with.
    appendFileSync(tally, `${counts.passed} ${counts.failed} ${counts.skipped}\n`);
    process.stdout.write(
      `\nthis engine: passed ${counts.passed}, failed ${counts.failed}, skipped ${counts.skipped}\n`,
    );
  }
}
