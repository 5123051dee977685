import { type ChildProcess, spawn } from "node:child_process";

export type SandboxInfo = { platform: string; url: string; credentials: Record<string, unknown> };
export type RunningSandbox = { info: SandboxInfo; stop(): void };

/** Small stores: the tests pair with them, they need no catalogue to speak of. */
export const SANDBOX_FLAGS: Record<string, string[]> = {
  shopify: ["--products", "2", "--orders", "1"],
  "quickbooks-online": ["--items", "2"],
  woocommerce: ["--products", "2", "--orders", "1"],
  bigcommerce: ["--products", "2", "--orders", "1"],
  shipstation: ["--products", "2", "--orders", "1"],
};

/** Runs `stockwire sandbox <platform>` on a free loopback port and reads the JSON line it prints first. */
export function startSandboxCli(platform: string): Promise<RunningSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "bin/stockwire.js",
      "sandbox",
      platform,
      "--port",
      "0",
      "--seed",
      "5",
      ...(SANDBOX_FLAGS[platform] ?? []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      resolve({ info: JSON.parse(out.slice(0, newline)) as SandboxInfo, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) =>
      reject(new Error(`sandbox ${platform} exited with ${code} before printing: ${err.slice(-2000)}`)),
    );
  });
}
