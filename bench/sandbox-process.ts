import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../bin/stockwire.js", import.meta.url));

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
  const args = [
    CLI,
    "sandbox",
    "shopify",
    ...["--seed", String(options.seed), "--products", String(options.products)],
    ...["--orders", String(options.orders), "--plan", options.plan],
    ...(options.locations ? ["--locations", String(options.locations)] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (!out.includes("\n") || !line) return;
      const info = JSON.parse(line) as { url: string; accessToken: string; apiSecret: string };
      resolve({
        ...info,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`the sandbox process exited before it was ready:\n${err}`)));
  });
}
