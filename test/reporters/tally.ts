/**
 * The closing line CI reads as the run's test count. Its shape is fixed by the CI reader, not
 * by us: `tests: N passed, N failed, N skipped`, alone on its line, plain text.
 */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export function formatTally(tally: Tally): string {
  return `tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`;
}

/** Sums the `passed failed skipped` lines each vitest run appends to the tally file. */
export function sumTallies(text: string): Tally {
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 3) continue;
    const counts = fields.map((field) => Number(field));
    if (counts.some((n) => !Number.isInteger(n) || n < 0)) continue;
    total.passed += counts[0] ?? 0;
    total.failed += counts[1] ?? 0;
    total.skipped += counts[2] ?? 0;
  }
  return total;
}

/**
 * A run passes only when nothing failed, every runner exited cleanly and at least one test
 * ran: a run that executed nothing is a failure, not a green build.
 */
export function tallyPasses(tally: Tally, runnersFailed: number): boolean {
  return tally.failed === 0 && runnersFailed === 0 && tally.passed > 0;
}
