import { spawnSandbox } from "./channel-sandbox.ts";

export type SandboxProcess = {
  url: string;
  accessToken: string;
  apiSecret: string;
  stop(): Promise<void>;
};

/**
 * `stockwire sandbox shopify` in its own process, so the benchmark's memory and CPU figures are
 * the hub's alone (a 200k-order store holds ~650 MB).
 */
export function startShopifySandboxProcess(options: {
  seed: number;
  products: number;
  orders: number;
  plan: "standard" | "advanced" | "plus";
  locations?: number;
}): Promise<SandboxProcess> {
  return spawnSandbox<Omit<SandboxProcess, "stop">>("shopify", [
    ...["--seed", String(options.seed), "--products", String(options.products)],
    ...["--orders", String(options.orders), "--plan", options.plan],
    ...(options.locations ? ["--locations", String(options.locations)] : []),
  ]);
}
