import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../bin/stockwire.js", import.meta.url));

/** The platforms `--platform` takes besides Shopify, each benchmarked against its own sandbox. */
export const CHANNEL_PLATFORMS = ["woocommerce", "bigcommerce"] as const;
export type ChannelPlatform = (typeof CHANNEL_PLATFORMS)[number];
export type BenchPlatform = "shopify" | ChannelPlatform;

export function isBenchPlatform(value: string): value is BenchPlatform {
  return value === "shopify" || (CHANNEL_PLATFORMS as readonly string[]).includes(value);
}

export type ChannelSandboxProcess = {
  platform: ChannelPlatform;
  url: string;
  /** What `POST /api/v1/connections` takes as it is (the sandbox command's last stdout line). */
  credentials: Record<string, unknown>;
  stop(): Promise<void>;
};

/**
 * `stockwire sandbox <platform> <args>` in its own process, so a benchmark's memory and CPU
 * figures are the hub's alone; resolves with the JSON line it prints (the one with a `url`).
 */
export function spawnSandbox<T extends { url: string }>(
  platform: string,
  args: string[],
): Promise<T & { stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, "sandbox", platform, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      for (const line of out.split("\n").slice(0, -1)) {
        try {
          const info = JSON.parse(line) as T;
          if (info?.url) return resolve({ ...info, stop });
        } catch {}
      }
    });
    void exited.then(() => reject(new Error(`the ${platform} sandbox exited before it was ready:\n${err}`)));
  });
}

/** A WooCommerce or BigCommerce sandbox; `quota` is BigCommerce's requests per 30-second window. */
export async function startChannelSandboxProcess(
  platform: ChannelPlatform,
  options: { seed: number; products: number; orders: number; quota?: number },
): Promise<ChannelSandboxProcess> {
  const args = [
    ...["--seed", String(options.seed), "--products", String(options.products)],
    ...["--orders", String(options.orders)],
    ...(options.quota !== undefined ? ["--quota", String(options.quota)] : []),
  ];
  const info = await spawnSandbox<{ url: string; credentials: Record<string, unknown> }>(platform, args);
  return { platform, url: info.url, credentials: info.credentials, stop: info.stop };
}

/** GET `/_sandbox/<path>` of a sandbox. */
export async function sandboxControl<T>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}/_sandbox/${path}`);
  if (!response.ok) throw new Error(`sandbox control ${path}: ${response.status}`);
  return (await response.json()) as T;
}
