import { type Command, InvalidArgumentError } from "commander";
import { startBigCommerceSandbox } from "../sandboxes/bigcommerce/index.ts";
import { startQuickBooksOnlineSandbox } from "../sandboxes/quickbooks-online/index.ts";
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

/** Keeps a sandbox running until SIGINT/SIGTERM, after printing how to reach it as one JSON line. */
function serveUntilStopped(info: Record<string, unknown>, close: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = () => void close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** `stockwire sandbox <platform>`: local stand-ins for platforms, for trying, testing and benchmarking. */
export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command("sandbox").description("run a local platform sandbox (loopback only)");
  sandbox
    .command("shopify")
    .description("a Shopify store speaking the GraphQL Admin API")
    .option("--port <port>", "port (0 = any free one)", count, 0)
    .option("--seed <n>", "seed for the generated store", count, 1)
    .option("--products <n>", "products to generate", count, 50)
    .option("--orders <n>", "orders over the last 90 days", count, 200)
    .option("--plan <plan>", "standard | advanced | plus (rate limits)", plan, "standard")
    .option("--locations <n>", "locations to generate (default: chosen by the seed)", count)
    .action(
      async (opts: {
        port: number;
        seed: number;
        products: number;
        orders: number;
        plan: "standard" | "advanced" | "plus";
        locations?: number;
      }) => {
        const s = await startShopifySandbox({ ...opts, log: (m) => process.stderr.write(`${m}\n`) });
        serveUntilStopped(
          {
            platform: "shopify",
            url: s.url,
            shopDomain: s.shopDomain,
            accessToken: s.accessToken,
            apiSecret: s.apiSecret,
            apiVersion: s.apiVersion,
            graphqlUrl: s.graphqlUrl,
            credentials: {
              shopDomain: s.url,
              accessToken: s.accessToken,
              apiSecret: s.apiSecret,
              plan: opts.plan,
            },
          },
          () => s.close(),
        );
      },
    );
  sandbox
    .command("quickbooks-online")
    .description("a QuickBooks Online company speaking the Accounting API v3")
    .option("--port <port>", "port (0 = any free one)", count, 0)
    .option("--seed <n>", "seed for the generated company", count, 1)
    .option("--items <n>", "inventory items to generate", count, 50)
    .action(async (opts: { port: number; seed: number; items: number }) => {
      const s = await startQuickBooksOnlineSandbox(opts);
      serveUntilStopped(
        {
          platform: "quickbooks-online",
          url: s.url,
          realmId: s.realmId,
          clientId: s.clientId,
          clientSecret: s.clientSecret,
          verifierToken: s.verifierToken,
          ...s.initialTokens,
          credentials: {
            realmId: s.realmId,
            clientId: s.clientId,
            clientSecret: s.clientSecret,
            accessToken: s.initialTokens.accessToken,
            refreshToken: s.initialTokens.refreshToken,
            accessTokenExpiresAt: new Date(Date.now() + s.initialTokens.expiresIn * 1000).toISOString(),
            refreshTokenExpiresAt: new Date(
              Date.now() + s.initialTokens.xRefreshTokenExpiresIn * 1000,
            ).toISOString(),
            verifierToken: s.verifierToken,
            baseUrl: s.url,
            tokenUrl: `${s.url}/oauth2/v1/tokens/bearer`,
          },
        },
        () => s.close(),
      );
    });
  sandbox
    .command("woocommerce")
    .description("a WooCommerce store speaking the REST API v3 (OAuth 1.0a over plain HTTP)")
    .option("--port <port>", "port (0 = any free one)", count, 0)
    .option("--seed <n>", "seed for the generated store", count, 1)
    .option("--products <n>", "products to generate", count, 50)
    .option("--orders <n>", "orders over the last 90 days", count, 200)
    .action(async (opts: { port: number; seed: number; products: number; orders: number }) => {
      const s = await startWooCommerceSandbox({ ...opts, log: (m) => process.stderr.write(`${m}\n`) });
      serveUntilStopped(
        {
          platform: "woocommerce",
          url: s.url,
          apiUrl: `${s.url}/wp-json/wc/v3`,
          consumerKey: s.consumerKey,
          consumerSecret: s.consumerSecret,
          credentials: s.credentials,
        },
        () => s.close(),
      );
    });
  sandbox
    .command("bigcommerce")
    .description("a BigCommerce store speaking the v3 catalog/inventory/hooks and v2 orders APIs")
    .option("--port <port>", "port (0 = any free one)", count, 0)
    .option("--seed <n>", "seed for the generated store", count, 1)
    .option("--products <n>", "products to generate", count, 50)
    .option("--orders <n>", "orders over the last 90 days", count, 200)
    .option("--quota <n>", "requests per 30-second window (150 Standard/Plus, 450 Pro)", count, 150)
    .action(async (opts: { port: number; seed: number; products: number; orders: number; quota: number }) => {
      const s = await startBigCommerceSandbox({ ...opts, log: (m) => process.stderr.write(`${m}\n`) });
      serveUntilStopped(
        {
          platform: "bigcommerce",
          url: s.url,
          apiBase: s.apiBase,
          clientId: s.clientId,
          // The key of every webhook-signature (Standard Webhooks): the hub verifies deliveries with it.
          clientSecret: s.clientSecret,
          credentials: s.credentials,
        },
        () => s.close(),
      );
    });
}
