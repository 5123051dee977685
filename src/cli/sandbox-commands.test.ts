import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { connectors } from "../connectors/index.ts";

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGTERM");
  child = null;
});

/** Starts `stockwire sandbox <platform>` and resolves with its first complete stdout line. */
function firstLine(args: string[]): Promise<string> {
  const spawned = spawn(process.execPath, ["bin/stockwire.js", "sandbox", ...args], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  child = spawned;
  return new Promise((resolve, reject) => {
    let out = "";
    spawned.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const newline = out.indexOf("\n");
      if (newline >= 0) resolve(out.slice(0, newline));
    });
    spawned.on("exit", (code) => reject(new Error(`sandbox exited with ${code} before printing`)));
  });
}

describe("stockwire sandbox <platform> prints credentials the connection form accepts", () => {
  it.each([
    ["shopify", ["--products", "3", "--orders", "2"]],
    ["quickbooks-online", ["--items", "3"]],
  ] as const)(
    "%s",
    async (platform, flags) => {
      const info = JSON.parse(await firstLine([platform, "--port", "0", "--seed", "3", ...flags])) as {
        platform: string;
        url: string;
        credentials: Record<string, unknown>;
      };
      expect(info.platform).toBe(platform);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const parsed = connectors[platform].credentials.safeParse(info.credentials);
      expect(parsed.error).toBeUndefined();
    },
    60_000,
  );
});
