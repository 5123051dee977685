import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Under .ci/run (STOCKWIRE_TEST_TALLY set) vitest's own reporter is replaced: its summary
    // looks like other runners' closing lines to the CI reader (see test/reporters/ci-reporter.ts).
    reporters: process.env.STOCKWIRE_TEST_TALLY
      ? ["./test/reporters/ci-reporter.ts", "./test/reporters/tally-reporter.ts"]
      : ["default", "./test/reporters/tally-reporter.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    setupFiles: ["test/helpers/check-events.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Generous: a hub, sandboxes and a fresh database start in each file's beforeAll, and on a
    // shared 2-core machine under load that alone can take minutes. A hang still fails, later.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
