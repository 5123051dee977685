import { type Command, InvalidArgumentError } from "commander";
import { startBigCommerceSandbox } from "../sandboxes/bigcommerce/index.ts";
import { registerQuickBooksDesktopCommand } from "../sandboxes/quickbooks-desktop/cli.ts";
import { startQuickBooksOnlineSandbox } from "../sandboxes/quickbooks-online/index.ts";
import { startShipStationSandbox } from "../sandboxes/shipstation/index.ts";
import { startShopifySandbox } from "../sandboxes/shopify/index.ts";
import { startWooCommerceSandbox } from "../sandboxes/woocommerce/index.ts";

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number");
  return n;
}

function plan(value: string): "standard" | "advanced" | "plus" {
  if (value !== "standard" && value !== "advanced" && value !== "plus")
    throw new InvalidArgumentError("standard, advanced or plus");
  return value;
}

/** `[flags, description, parser, default]`; `--port` and `--seed` come with every sandbox. */
type OptionSpec = readonly [string, string, (value: string) => unknown, unknown?];
// biome-ignore lint/suspicious/noExplicitAny: commander hands each action the options its table row declares.
type Options = any;

interface SandboxCommand {
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Starts the sandbox; `info` is printed as one JSON line and must hold `platform`, `url`, `credentials`. */
  start(opts: Options, log: (message: string) => void): Promise<{ info: object; close(): Promise<void> }>;
}

const STORE_OPTIONS: readonly OptionSpec[] = [
  ["--products <n>", "products to generate", count, 50],
  ["--orders <n>", "orders over the last 90 days", count, 200],
];

/** Every sandbox the CLI runs: a new platform adds one row. */
const SANDBOXES: Readonly<Record<string, SandboxCommand>> = {
  shopify: {
    description: "a Shopify store speaking the GraphQL Admin API",
    options: [
      ...STORE_OPTIONS,
      ["--plan <plan>", "standard | advanced | plus (rate limits)", plan, "standard"],
      ["--locations <n>", "locations to generate (default: chosen by the seed)", count],
    ],
    async start(opts, log) {
      const s = await startShopifySandbox({ ...opts, log });
      const { url, shopDomain, accessToken, apiSecret, apiVersion, graphqlUrl } = s;
      const credentials = { shopDomain: url, accessToken, apiSecret, plan: opts.plan };
      return {
        info: {
          platform: "shopify",
          url,
          shopDomain,
          accessToken,
          apiSecret,
          apiVersion,
          graphqlUrl,
          credentials,
        },
        close: () => s.close(),
      };
    },
  },
  "quickbooks-online": {
    description: "a QuickBooks Online company speaking the Accounting API v3",
    options: [["--items <n>", "inventory items to generate", count, 50]],
    async start(opts) {
      const s = await startQuickBooksOnlineSandbox(opts);
      const tokens = s.initialTokens;
      const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
      const { realmId, clientId, clientSecret, verifierToken } = s;
      return {
        info: {
          platform: "quickbooks-online",
          url: s.url,
          realmId,
          clientId,
          clientSecret,
          verifierToken,
          ...tokens,
          credentials: {
            realmId,
            clientId,
            clientSecret,
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            accessTokenExpiresAt: inSeconds(tokens.expiresIn),
            refreshTokenExpiresAt: inSeconds(tokens.xRefreshTokenExpiresIn),
            verifierToken,
            baseUrl: s.url,
            tokenUrl: `${s.url}/oauth2/v1/tokens/bearer`,
          },
        },
        close: () => s.close(),
      };
    },
  },
  woocommerce: {
    description: "a WooCommerce store speaking the REST API v3 (OAuth 1.0a over plain HTTP)",
    options: STORE_OPTIONS,
    async start(opts, log) {
      const s = await startWooCommerceSandbox({ ...opts, log });
      const { url, consumerKey, consumerSecret, credentials } = s;
      return {
        info: {
          platform: "woocommerce",
          url,
          apiUrl: `${url}/wp-json/wc/v3`,
          consumerKey,
          consumerSecret,
          credentials,
        },
        close: () => s.close(),
      };
    },
  },
  bigcommerce: {
    description: "a BigCommerce store speaking the v3 catalog/inventory/hooks and v2 orders APIs",
    options: [
      ...STORE_OPTIONS,
      ["--quota <n>", "requests per 30-second window (150 Standard/Plus, 450 Pro)", count, 150],
    ],
    async start(opts, log) {
      const s = await startBigCommerceSandbox({ ...opts, log });
      const { url, apiBase, clientId, clientSecret, credentials } = s;
      // clientSecret keys every webhook-signature (Standard Webhooks): the hub verifies deliveries with it.
      return {
        info: { platform: "bigcommerce", url, apiBase, clientId, clientSecret, credentials },
        close: () => s.close(),
      };
    },
  },
  shipstation: {
    description:
      "a ShipStation account speaking the v1 API (stores, orders, shipments, webhooks; 40 requests a minute)",
    options: [...STORE_OPTIONS, ["--stores <n>", "sub-stores on the account", count, 3]],
    async start(opts, log) {
      const s = await startShipStationSandbox({ ...opts, log });
      return {
        info: { platform: "shipstation", url: s.url, stores: s.state.subStores, credentials: s.credentials },
        close: () => s.close(),
      };
    },
  },
};

/** Keeps a sandbox running until SIGINT/SIGTERM, after printing how to reach it as one JSON line. */
function serveUntilStopped(info: object, close: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = () => void close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** `stockwire sandbox <platform>`: local stand-ins for platforms, for trying, testing and benchmarking. */
export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command("sandbox").description("run a local platform sandbox (loopback only)");
  for (const [name, entry] of Object.entries(SANDBOXES)) {
    const command = sandbox
      .command(name)
      .description(entry.description)
      .option("--port <port>", "port (0 = any free one)", count, 0)
      .option("--seed <n>", "seed for the generated store", count, 1);
    for (const [flags, description, parse, fallback] of entry.options)
      command.option(flags, description, parse, fallback);
    command.action(async (opts: Options) => {
      const s = await entry.start(opts, (m) => process.stderr.write(`${m}\n`));
      serveUntilStopped(s.info, s.close);
    });
  }
  // The Web Connector is a client with its own output (one JSON line per session), not a served row.
  registerQuickBooksDesktopCommand(sandbox);
}
