import { appendFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";
import { formatTally } from "./tally.ts";

/**
 * Prints the run's outcome as the plain line CI reads (see tally.ts). With
 * STOCKWIRE_TEST_TALLY set, the counts are also appended to that file so .ci/run can close with
 * the total over both engines.
 */
export default class TallyReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(`\n${formatTally(counts)}\n`);
    const tally = process.env.STOCKWIRE_TEST_TALLY;
    if (tally) appendFileSync(tally, `${counts.passed} ${counts.failed} ${counts.skipped}\n`);
  }
}
