import { type Command, InvalidArgumentError } from "commander";
import { ConfigError, loadConfig } from "../config.ts";
import { type Demo, DemoDataDirError, type DemoSummary, startDemo } from "../demo/index.ts";

type DemoFlags = { port?: number; headless?: boolean; exitAfterSync?: boolean };

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port from 0 to 65535");
  return n;
}

function fail(message: string): never {
  process.stderr.write(`stockwire demo: ${message}\n`);
  process.exit(1);
}

const log = (line: string) => process.stderr.write(`demo: ${line}\n`);

function banner(demo: Demo): string {
  const { storeA, storeB, woo, books } = demo.sandboxes;
  return [
    "",
    `Stockwire demo: open ${demo.url}`,
    `  sign in    ${demo.email}  /  ${demo.password}`,
    `  stores     ${demo.connections.storeA.name} ${storeA.url}, ${demo.connections.storeB.name} ${storeB.url} (Shopify sandboxes)`,
    `             ${demo.connections.woo.name} ${woo.url} (WooCommerce sandbox)`,
    `  books      ${demo.connections.books.name} ${books.url} (QuickBooks Online sandbox)`,
    `             ${demo.desktop.connection.name}: the Web Connector sandbox calls in every minute`,
    `  data       ${demo.dataDir}`,
    "The first import is running; the dashboard fills within seconds. Ctrl+C stops the demo.",
    "",
  ].join("\n");
}

/** Closes the demo on SIGINT/SIGTERM and exits. */
function closeOnSignals(demo: Demo): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting the demo down`);
    demo.close().then(
      () => process.exit(0),
      (error: Error) => fail(`shutdown failed: ${error.message}`),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function runDemo(flags: DemoFlags): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.databaseUrl) log("the demo always runs on the embedded engine; DATABASE_URL is ignored");
  // Settings left at their defaults mean "not asked for": the demo then takes a fresh temp dir
  // (never serve's ./.stockwire), any free port and a quiet hub log.
  const defaults = loadConfig({});
  const dataDir = config.dataDir !== defaults.dataDir ? config.dataDir : undefined;
  const logLevel = config.logLevel !== defaults.logLevel ? config.logLevel : undefined;
  const envPort = config.port !== defaults.port ? config.port : undefined;

  let demo: Demo;
  try {
    demo = await startDemo({
      ...(dataDir ? { dataDir } : {}),
      port: flags.port ?? envPort ?? 0,
      headless: flags.headless ?? false,
      log,
      ...(logLevel ? { logLevel } : {}),
      ...(flags.exitAfterSync ? { activity: false as const } : {}),
    });
  } catch (error) {
    if (error instanceof DemoDataDirError) fail(error.message);
    fail(`could not start: ${(error as Error).message}`);
  }

  if (!flags.headless) process.stdout.write(`${banner(demo)}\n`);
  else if (!flags.exitAfterSync) {
    process.stdout.write(
      `${JSON.stringify({ url: demo.url, email: demo.email, password: demo.password, dataDir: demo.dataDir })}\n`,
    );
  }

  if (flags.exitAfterSync) {
    let summary: DemoSummary;
    try {
      summary = await demo.waitForInitialSync();
    } catch (error) {
      await demo.close().catch(() => undefined);
      fail((error as Error).message);
    }
    await demo.close();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  }

  closeOnSignals(demo);
  demo.waitForInitialSync().then(
    (summary) => log(`summary ${JSON.stringify(summary)}`),
    () => undefined, // already logged by the demo
  );
}

/** `stockwire demo`: the first minute of a new user. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "try Stockwire: a hub with two Shopify stores and a QuickBooks Online company (local sandboxes), paired and busy",
    )
    .option("--port <port>", "hub port on 127.0.0.1 (default: $PORT, else any free one)", port)
    .option("--headless", "no dashboard: progress on stderr, one JSON line with the sign-in on stdout")
    .option(
      "--exit-after-sync",
      "wait for the initial sync, print a JSON summary as the last stdout line and exit (0 on success)",
    )
    .action(runDemo);
}
