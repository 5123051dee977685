import { readFile } from "node:fs/promises";
import { type Command, InvalidArgumentError } from "commander";
import { startQuickBooksDesktopSandbox } from "./index.ts";
import { parseQwc } from "./qwc.ts";
import type { SessionRecord } from "./web-connector.ts";

export interface QuickBooksDesktopCommandOptions {
  /** Path of the `.qwc` file the hub generated. */
  readonly qwc: string;
  readonly password: string;
  readonly seed: number;
  readonly products: number;
  /** Seconds between sessions; default the `.qwc`'s Scheduler, else 15 minutes. */
  readonly every?: number;
  readonly once: boolean;
  readonly port: number;
  /** Pause after "NoOp" in seconds; the Web Connector waits 5. */
  readonly noopPause: number;
}

export interface CommandOutput {
  line(text: string): void;
  note(text: string): void;
}

const processOutput: CommandOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
};

/** A session the Web Connector would show as failed. */
const failed = (record: SessionRecord) => record.outcome !== "done" && record.outcome !== "none";

/**
 * `stockwire sandbox quickbooks-desktop`: plays the Web Connector against the `.qwc`'s AppURL with a
 * seeded company behind it, one JSON line per session on stdout. With `--once` it runs one session
 * and resolves to the exit code (1 when the session failed); otherwise it runs until stopped.
 */
export async function runQuickBooksDesktopCommand(
  options: QuickBooksDesktopCommandOptions,
  output: CommandOutput = processOutput,
): Promise<{ exitCode: number | null; close(): Promise<void> }> {
  const qwc = parseQwc(await readFile(options.qwc, "utf8"));
  const every = options.every ?? qwc.everySeconds ?? 900;
  const sandbox = await startQuickBooksDesktopSandbox({
    qwc,
    password: options.password,
    seed: options.seed,
    products: options.products,
    port: options.port,
    everySeconds: options.once ? null : every,
    noOpPauseMs: options.noopPause * 1000,
    onSession: (record) => output.line(JSON.stringify(record)),
  });
  output.note(
    `QuickBooks Desktop sandbox: Web Connector for ${qwc.appUrl} as ${qwc.userName}` +
      `${options.once ? ", one session" : `, every ${every} s`}; control API at ${sandbox.url}/_sandbox/`,
  );
  if (!options.once) return { exitCode: null, close: () => sandbox.close() };
  const record = await sandbox.runSession();
  await sandbox.close();
  return { exitCode: failed(record) ? 1 : 0, close: async () => undefined };
}

function whole(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return n;
  };
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("must be a number of seconds ≥ 0");
  return n;
}

/** Adds `quickbooks-desktop` under `stockwire sandbox`. */
export function registerQuickBooksDesktopCommand(sandbox: Command): void {
  sandbox
    .command("quickbooks-desktop")
    .description("the QuickBooks Web Connector and a company file, polling the hub's /qbwc from a .qwc")
    .requiredOption("--qwc <file>", "the .qwc file the hub generated")
    .requiredOption("--password <pw>", "the Web Connector password given at pairing")
    .option("--seed <n>", "seed for the generated company", whole(0), 1)
    .option("--products <n>", "catalogue products to turn into items", whole(0), 50)
    .option("--every <seconds>", "seconds between sessions (default: the .qwc's Scheduler)", whole(1))
    .option("--once", "run one session, print it and exit (1 when it failed)", false)
    .option("--port <port>", "control API port (0 = any free one)", whole(0), 0)
    .option("--noop-pause <seconds>", "pause after getLastError answers NoOp", seconds, 5)
    .action(async (opts: QuickBooksDesktopCommandOptions) => {
      const run = await runQuickBooksDesktopCommand(opts);
      if (run.exitCode !== null) process.exit(run.exitCode);
      const stop = () => void run.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
}
