import { parseArgs } from "node:util";
import { startShopifySandbox } from "./index.ts";

/** `node --import tsx src/sandboxes/shopify/main.ts --port 8787 --seed 1`: a sandbox other processes can drive. */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    products: { type: "string", default: "50" },
    orders: { type: "string", default: "200" },
    plan: { type: "string", default: "standard" },
  },
});

const plan = values.plan === "advanced" || values.plan === "plus" ? values.plan : "standard";
const sandbox = await startShopifySandbox({
  port: Number(values.port),
  seed: Number(values.seed),
  products: Number(values.products),
  orders: Number(values.orders),
  plan,
  log: (message) => console.log(message),
});
console.log(`GraphQL: ${sandbox.graphqlUrl}`);
console.log(
  `X-Shopify-Access-Token: ${sandbox.accessToken} (or shpat_sandbox); webhook secret: ${sandbox.apiSecret}`,
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
