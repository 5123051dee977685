import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";

/**
 * What a CI run prints instead of vitest's own reporter: one line per test file as it ends,
 * the details of every failure, and nothing shaped like any test runner's summary. The CI
 * reader knows many runners' closing lines (node's test runner among them, whose marks and
 * "tests N" lines vitest's summary resembles) and reads a run as having executed no test
 * when such a line closes on nothing; the only count it should find is .ci/run's last line.
 */
export default class CiReporter implements Reporter {
  onTestModuleEnd(module: TestModule): void {
    let total = 0;
    let broken = 0;
    for (const test of module.children.allTests()) {
      total++;
      if (test.result().state === "failed") broken++;
    }
    const seconds = ((module.diagnostic().duration ?? 0) / 1000).toFixed(1);
    const fileBroken = broken === 0 && module.state() === "failed";
    const verdict = broken > 0 ? `${broken} broken` : fileBroken ? "file broken" : "all good";
    process.stdout.write(`  ${module.relativeModuleId} · ${total} tests · ${verdict} · ${seconds} s\n`);
    for (const error of module.errors()) printError(`${module.relativeModuleId} (outside its tests)`, error);
    for (const test of module.children.allTests()) {
      if (test.result().state !== "failed") continue;
      for (const error of test.result().errors ?? []) printError(fullName(test), error);
    }
  }

  onTestRunEnd(
    _modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
  ): void {
    for (const error of unhandledErrors) printError("unhandled error", error);
  }
}

function fullName(test: TestCase): string {
  return `${test.module.relativeModuleId} > ${test.fullName}`;
}

function printError(where: string, error: { message?: string; stack?: string; diff?: string }): void {
  const lines = [`  broken: ${where}`, `    ${error.message ?? "(no message)"}`];
  if (error.diff) lines.push(indent(error.diff));
  // Our frames only: the runner's own frames say nothing about the failure.
  const frames = (error.stack ?? "")
    .split("\n")
    .slice(1)
    .filter((line) => !line.includes("node_modules"));
  if (frames.length > 0) lines.push(indent(frames.slice(0, 6).join("\n")));
  process.stdout.write(`${lines.join("\n")}\n`);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
}
