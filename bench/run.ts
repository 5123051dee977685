import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { benchmarks } from "./benchmarks/index.ts";
import { type Benchmark, type Engine, machine, withBenchDatabase } from "./harness.ts";

/**
 * `npm run bench [-- --only <name>] [--engine embedded|postgres] [--smoke] [--json]`: runs the
 * benchmarks, prints one table, writes bench/results/<name>.json. With --json the last line of
 * stdout is the JSON of the (last) benchmark run.
 */
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    engine: { type: "string" },
    smoke: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
const selected: Benchmark[] = values.only ? benchmarks.filter((b) => b.name === values.only) : benchmarks;
if (selected.length === 0) {
  process.stderr.write(
    `unknown benchmark "${values.only}"; known: ${benchmarks.map((b) => b.name).join(", ")}\n`,
  );
  process.exit(2);
}
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
      rows.push([bench.name, engine, "skipped: DATABASE_URL not set"]);
      continue;
    }
    say(`▶ ${bench.name} on ${engine}${values.smoke ? " (smoke)" : ""}`);
    const started = Date.now();
    const result = await withBenchDatabase(engine, (database) =>
      bench.run({ engine, smoke: values.smoke, database, log: (m) => say(`  ${m}`) }),
    );
    const record = {
      name: bench.name,
      description: bench.description,
      engine,
      smoke: values.smoke,
      ranAt: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      machine: machine(),
      parameters: result.parameters,
      ...result.figures,
    };
    lastJson = JSON.stringify(record);
    const file = `${bench.name}${engine === "postgres" ? "-postgres" : ""}${values.smoke ? "-smoke" : ""}.json`;
    writeFileSync(new URL(`./results/${file}`, import.meta.url), `${JSON.stringify(record, null, 2)}\n`);
    rows.push([bench.name, engine, result.headline]);
  }
}

const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length), 9));
say("");
say(`${"benchmark".padEnd(width[0]!)}  ${"engine".padEnd(width[1]!)}  result`);
for (const r of rows) say(`${r[0]!.padEnd(width[0]!)}  ${r[1]!.padEnd(width[1]!)}  ${r[2]}`);
if (values.json) process.stdout.write(`${lastJson}\n`);
