import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { benchmarks } from "./benchmarks/index.ts";
import { type BenchPlatform, isBenchPlatform } from "./channel-sandbox.ts";
import {
  autovacuumSetting,
  type Benchmark,
  type BenchResult,
  type Engine,
  loadAverage,
  machine,
  withBenchDatabase,
} from "./harness.ts";

/**
 * `npm run bench [-- [<name>] [--only <name>] [--platform shopify|woocommerce|bigcommerce]
 * [--engine embedded|postgres] [--smoke] [--runs n] [--json]]`:
 * runs the benchmarks, prints one table, writes bench/results/<name>.json. Each benchmark runs
 * `--runs` times (default 2, 1 with --smoke), each time on a fresh database, and every run is
 * reported with the load average before and after it and PostgreSQL's `autovacuum` setting, so
 * one disturbed run shows as a gap between two. With --json the last line of stdout is the JSON
 * of the (last) benchmark. `--platform` (push-throughput and backfill) measures that platform's
 * sandbox against its own bound; its results go to bench/results/<name>-<platform>….json.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: "string" },
    platform: { type: "string" },
    engine: { type: "string" },
    smoke: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    runs: { type: "string" },
  },
});
// A smoke run checks that the benchmarks still work (CI, within ~2 minutes); its figures measure nothing.
const runCount = Number(values.runs ?? (values.smoke ? 1 : 2));
if (!Number.isInteger(runCount) || runCount < 1) {
  process.stderr.write("--runs must be a positive integer\n");
  process.exit(2);
}

const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
const only = values.only ?? positionals[0];
const selected: Benchmark[] = only ? benchmarks.filter((b) => b.name === only) : benchmarks;
if (selected.length === 0) {
  process.stderr.write(`unknown benchmark "${only}"; known: ${benchmarks.map((b) => b.name).join(", ")}\n`);
  process.exit(2);
}
const platform = (values.platform ?? "shopify") as BenchPlatform;
if (!isBenchPlatform(platform)) {
  process.stderr.write("--platform must be shopify, woocommerce or bigcommerce\n");
  process.exit(2);
}
if (platform !== "shopify") {
  const unable = selected.filter((b) => !b.platforms?.includes(platform));
  if (unable.length > 0) {
    process.stderr.write(
      `--platform ${platform} is not measured by ${unable.map((b) => b.name).join(", ")}\n`,
    );
    process.exit(2);
  }
}
const suffix = platform === "shopify" ? "" : `-${platform}`;
if (values.engine && values.engine !== "embedded" && values.engine !== "postgres") {
  process.stderr.write("--engine must be embedded or postgres\n");
  process.exit(2);
}

const rows: string[][] = [];
let lastJson = "";
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
for (const bench of selected) {
  const engines = (values.engine ? [values.engine as Engine] : bench.engines).filter((e) =>
    bench.engines.includes(e),
  );
  for (const engine of engines) {
    if (engine === "postgres" && !process.env.DATABASE_URL) {
      rows.push([bench.name, engine, "-", "skipped: DATABASE_URL not set"]);
      continue;
    }
    const runs: MeasuredRun[] = [];
    for (let run = 1; run <= runCount; run += 1) {
      say(
        `bench: ${bench.name}${suffix} on ${engine}${values.smoke ? " (smoke)" : ""}, run ${run} of ${runCount}`,
      );
      runs.push(await measuredRun(bench, engine, run));
      rows.push([
        `${bench.name}${suffix}`,
        engine,
        String(run),
        runs.at(-1)!.headline,
        conditions(runs.at(-1)!),
      ]);
    }
    const record = {
      name: bench.name,
      description: suffix ? `${bench.name} against the ${platform} sandbox (--platform)` : bench.description,
      platform,
      engine,
      smoke: values.smoke,
      ranAt: new Date().toISOString(),
      machine: machine(),
      parameters: runs[0]!.parameters,
      runs: runs.map(({ parameters: _, ...run }) => run),
    };
    lastJson = JSON.stringify(record);
    const file = `${bench.name}${suffix}${engine === "postgres" ? "-postgres" : ""}${values.smoke ? "-smoke" : ""}.json`;
    writeFileSync(new URL(`./results/${file}`, import.meta.url), `${JSON.stringify(record, null, 2)}\n`);
  }
}

const header = ["benchmark", "engine", "run", "result", "load before → after (1 min), autovacuum"];
const width = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? "").length)));
const line = (r: string[]) =>
  [0, 1, 2].map((i) => (r[i] ?? "").padEnd(width[i]!)).join("  ") +
  (r.length > 3 ? `  ${r.slice(3).join("  |  ")}` : "");
say("");
say(line(header));
for (const r of rows) say(line(r));
if (values.json) process.stdout.write(`${lastJson}\n`);

type MeasuredRun = BenchResult["figures"] & {
  run: number;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  autovacuum: string;
  headline: string;
  parameters: BenchResult["parameters"];
};

/** One run of a benchmark on a fresh database, with the conditions it ran under. */
async function measuredRun(bench: Benchmark, engine: Engine, run: number): Promise<MeasuredRun> {
  return withBenchDatabase(engine, async (database) => {
    const autovacuum = await autovacuumSetting(database);
    const loadBefore = loadAverage();
    const started = Date.now();
    const result = await bench.run({
      engine,
      smoke: values.smoke,
      platform,
      database,
      log: (m) => say(`  ${m}`),
    });
    return {
      run,
      seconds: (Date.now() - started) / 1000,
      loadBefore,
      loadAfter: loadAverage(),
      autovacuum,
      headline: result.headline,
      parameters: result.parameters,
      ...result.figures,
    };
  });
}

function conditions(run: MeasuredRun): string {
  return `load ${run.loadBefore[0]} → ${run.loadAfter[0]}, autovacuum ${run.autovacuum}`;
}
