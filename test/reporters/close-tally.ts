/**
 * Closes a CI run: reads the tally file the vitest runs appended to, prints the plain total as
 * the last line, and exits 1 unless the run passed.
 * Usage: tsx test/reporters/close-tally.ts <tally-file> <number of runners that exited non-zero>
 */
import { existsSync, readFileSync } from "node:fs";
import { formatTally, sumTallies, tallyPasses } from "./tally.ts";

const [file, failedRunners = "0"] = process.argv.slice(2);
const tally = sumTallies(file && existsSync(file) ? readFileSync(file, "utf8") : "");
const runnersFailed = Number.parseInt(failedRunners, 10) || 0;
// A runner that crashed before reporting counts as one failure, so the line never says
// "0 failed" for a run that did not pass.
if (runnersFailed > 0 && tally.failed === 0) tally.failed = runnersFailed;
process.stdout.write(`${formatTally(tally)}\n`);
process.exit(tallyPasses(tally, runnersFailed) ? 0 : 1);
