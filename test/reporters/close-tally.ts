/**
 * Sums a CI run: reads the tally file the vitest runs appended to and prints
 * `<passed> <failed> <skipped> <pass|fail>` for .ci/run, which prints the closing line itself.
 * Usage: tsx test/reporters/close-tally.ts <tally-file> <number of runners that exited non-zero>
 */
import { existsSync, readFileSync } from "node:fs";
import { sumTallies, tallyPasses } from "./tally.ts";

const [file, failedRunners = "0"] = process.argv.slice(2);
const tally = sumTallies(file && existsSync(file) ? readFileSync(file, "utf8") : "");
const runnersFailed = Number.parseInt(failedRunners, 10) || 0;
// A runner that crashed before reporting counts as one failure, so the line never says
// "0 failed" for a run that did not pass.
if (runnersFailed > 0 && tally.failed === 0) tally.failed = runnersFailed;
const verdict = tallyPasses(tally, runnersFailed) ? "pass" : "fail";
process.stdout.write(`${tally.passed} ${tally.failed} ${tally.skipped} ${verdict}\n`);
