import { describe, expect, it } from "vitest";
import { formatTally, sumTallies, tallyPasses } from "./tally.ts";

const CI_LINE = /^tests: \d+ passed, \d+ failed, \d+ skipped$/;

describe("the CI tally", () => {
  it("formats the exact plain line the CI reader accepts", () => {
    const line = formatTally({ passed: 1003, failed: 0, skipped: 5 });
    expect(line).toBe("tests: 1003 passed, 0 failed, 5 skipped");
    expect(line).toMatch(CI_LINE);
  });

  it("sums both engines' runs and ignores lines that are not counts", () => {
    const total = sumTallies("504 0 0\n\nnoise here\n499 2 5\n-1 0 0\n");
    expect(total).toEqual({ passed: 1003, failed: 2, skipped: 5 });
  });

  it("reports a run that executed no test as zero, and such a run does not pass", () => {
    const total = sumTallies("");
    expect(formatTally(total)).toBe("tests: 0 passed, 0 failed, 0 skipped");
    expect(tallyPasses(total, 0)).toBe(false);
  });

  it("fails on any failed test or any runner that exited non-zero", () => {
    expect(tallyPasses({ passed: 10, failed: 0, skipped: 1 }, 0)).toBe(true);
    expect(tallyPasses({ passed: 10, failed: 1, skipped: 0 }, 0)).toBe(false);
    expect(tallyPasses({ passed: 10, failed: 0, skipped: 0 }, 1)).toBe(false);
  });
});
