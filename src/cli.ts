import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { registerDemoCommand } from "./cli/demo-command.ts";
import {
  callLocalServer,
  newAdminKey,
  readLocalServer,
  removeLocalServer,
  writeLocalServer,
} from "./cli/local-server.ts";
import { surviveDatabaseOutages } from "./cli/outage-guard.ts";
import { registerSandboxCommands } from "./cli/sandbox-commands.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/engine.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { localAdminRoutes } from "./http/local-admin.ts";
import { type Hub, startHub } from "./hub.ts";
import { createHubAccountHooks } from "./jobs.ts";
import { createLogger } from "./logger.ts";
import {
  countUsers,
  setAllotment,
  tokenCreate,
  type UserRole,
  userCreate,
  userRoles,
} from "./modules/accounts/index.ts";
import { runQueueCheck } from "./modules/system/index.ts";
import { createQueue } from "./queue/queue.ts";

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function fail(message: string): never {
  process.stderr.write(`stockwire: ${message}\n`);
  process.exit(1);
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`stockwire: ${signal} received, finishing running jobs and shutting down\n`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stockwire: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}

async function serve(): Promise<void> {
  const cfg = config();
  const logger = createLogger(cfg.logLevel);
  surviveDatabaseOutages(logger);
  if (cfg.engine === "embedded" && readLocalServer(cfg.dataDir)) {
    fail(`another stockwire already uses ${cfg.dataDir}; stop it first or set STOCKWIRE_DATA_DIR`);
  }
  const adminKey = newAdminKey();
  let hub: Hub;
  try {
    hub = await startHub({
      config: cfg,
      logger,
      http: true,
      work: true,
      routes: [localAdminRoutes(adminKey)],
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const address = await hub.app!.listen({ port: cfg.port, host: cfg.host });
  const url = address.replace("[::1]", "localhost");
  if (cfg.engine === "embedded") writeLocalServer(cfg.dataDir, url, adminKey);
  onSignals(async () => {
    removeLocalServer(cfg.dataDir);
    await hub.stop();
  });
  // The hint comes before the "listening" line, so whoever waits for that line has seen it.
  if ((await countUsers(hub.ctx.db)) === 0) {
    process.stderr.write(
      `\nNo user yet. Create the owner with:\n  npx stockwire user create --account "My Shop" --email you@example.com --password '<at least 10 chars>'\nor open ${url} and use the first-run setup.\n\n`,
    );
  }
  logger.info({ url, engine: cfg.engine }, "stockwire is listening");
}

async function worker(): Promise<void> {
  const cfg = config();
  if (cfg.engine === "embedded") {
    fail(
      "worker needs DATABASE_URL: the embedded database is single-process, so `stockwire serve` runs the workers itself",
    );
  }
  const logger = createLogger(cfg.logLevel);
  surviveDatabaseOutages(logger);
  const hub = await startHub({ config: cfg, logger, http: false, work: true }).catch((e: Error) =>
    fail(e.message),
  );
  logger.info("worker started; taking jobs");
  onSignals(() => hub.stop());
}

/** Runs `op` against the database: through the running server in embedded mode, directly otherwise. */
async function withDatabase<T>(
  op: string,
  input: unknown,
  direct: (db: import("./db/engine.ts").Db) => Promise<T>,
) {
  const cfg = config();
  if (cfg.engine === "embedded") {
    const server = readLocalServer(cfg.dataDir);
    if (server) return callLocalServer<T>(server, op, input);
  }
  const database = cfg.databaseUrl
    ? await openDatabase({ kind: "postgres", url: cfg.databaseUrl })
    : await openDatabase({ kind: "embedded", dataDir: cfg.dataDir });
  try {
    await migrateDatabase(database);
    return await direct(database.db);
  } finally {
    await database.close();
  }
}

/**
 * Where a CLI command looked for its data: a command run from another directory opens another
 * embedded database (./.stockwire by default), and "user not found" alone does not say so.
 */
function whereLooked(): string {
  const cfg = config();
  if (cfg.engine !== "embedded") return "looked in the PostgreSQL database named by DATABASE_URL";
  const through = readLocalServer(cfg.dataDir) ? "through the hub running on it" : "no hub is running on it";
  return `looked in the embedded database at ${resolve(cfg.dataDir)} (${through}); run the command where the hub runs, or set STOCKWIRE_DATA_DIR to the hub's data dir`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function allotment(value: string): number | null {
  if (value === "unlimited") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError("a whole number of orders, or `unlimited`");
  return n;
}

function role(value: string): UserRole {
  if (!(userRoles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${userRoles.join(", ")}`);
  return value as UserRole;
}

const program = new Command("stockwire").description("Inventory and order hub").showHelpAfterError();

program
  .command("serve", { isDefault: true })
  .description("API, dashboard, workers and scheduler in one process")
  .action(serve);
program.command("worker").description("workers and scheduler only (PostgreSQL)").action(worker);
program
  .command("migrate")
  .description("apply database migrations and exit")
  .action(async () => {
    await withDatabase("migrate", {}, async () => undefined);
    printJson({ migrated: true });
  });

const user = program.command("user").description("manage users");
user
  .command("create")
  .description("create a user (and the account, when it does not exist yet)")
  .requiredOption("--account <name>", "account (tenant) name")
  .requiredOption("--email <email>", "sign-in e-mail")
  .requiredOption("--password <password>", "at least 10 characters")
  .option("--role <role>", "owner | admin | member (default: owner for a new account)", role)
  .option("--name <name>", "display name")
  .action(
    async (opts: { account: string; email: string; password: string; role?: UserRole; name?: string }) => {
      printJson(
        await withDatabase("user-create", opts, (db) =>
          userCreate({ db, accountHooks: createHubAccountHooks() }, opts),
        ).catch((e: Error) => fail(e.message)),
      );
    },
  );

const token = program.command("token").description("manage API tokens");
token
  .command("create")
  .description("create an API token for a user; printed once")
  .requiredOption("--email <email>", "the user's e-mail")
  .option("--name <name>", "a label for the token")
  .action(async (opts: { email: string; name?: string }) => {
    const created = await withDatabase("token-create", opts, (db) => tokenCreate(db, opts)).catch(
      (e: Error) => fail(/not found/.test(e.message) ? `${e.message}\n  ${whereLooked()}` : e.message),
    );
    printJson({ token: created.token });
  });

const account = program.command("account").description("manage accounts");
account
  .command("set-allotment")
  .description("set how many orders an account may download a year (its time zone's calendar year)")
  .requiredOption("--account <name>", "account (tenant) name")
  .requiredOption("--orders <n>", "orders a year, or `unlimited`", allotment)
  .action(async (opts: { account: string; orders: number | null }) => {
    printJson(
      await withDatabase("set-allotment", opts, (db) => setAllotment(db, opts)).catch((e: Error) =>
        fail(/not found/.test(e.message) ? `${e.message}\n  ${whereLooked()}` : e.message),
      ),
    );
  });

program
  .command("queue-check")
  .description("send probe jobs and report which worker processes ran them (PostgreSQL scale-out check)")
  .option("--jobs <n>", "probe jobs to send", positiveInt, 40)
  .option("--timeout <seconds>", "how long to wait", positiveInt, 60)
  .action(async (opts: { jobs: number; timeout: number }) => {
    const cfg = config();
    if (cfg.engine === "embedded") fail("queue-check needs DATABASE_URL (workers share a PostgreSQL queue)");
    const logger = createLogger("warn");
    const database = await openDatabase({ kind: "postgres", url: cfg.databaseUrl! });
    const queue = createQueue(database, logger, { schedule: false });
    try {
      await migrateDatabase(database);
      await queue.start({ work: false });
      printJson(await runQueueCheck(database.db, queue, { jobs: opts.jobs, timeoutMs: opts.timeout * 1000 }));
    } finally {
      await queue.stop();
      await database.close();
    }
  });

registerSandboxCommands(program);
registerDemoCommand(program);

await program.parseAsync(process.argv);
