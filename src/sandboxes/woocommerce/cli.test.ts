import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGTERM");
  child = null;
});

/** Starts `stockwire sandbox woocommerce` and resolves with its first complete stdout line. */
function firstLine(args: string[]): Promise<string> {
  const spawned = spawn(process.execPath, ["bin/stockwire.js", "sandbox", "woocommerce", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
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

describe("stockwire sandbox woocommerce", () => {
  it("prints one JSON line with platform, url and credentials that the store accepts", async () => {
    const line = await firstLine(["--port", "0", "--seed", "4", "--products", "6", "--orders", "2"]);
    const info = JSON.parse(line) as {
      platform: string;
      url: string;
      credentials: { url: string; consumerKey: string; consumerSecret: string };
    };
    expect(info.platform).toBe("woocommerce");
    expect(info.credentials.url).toBe(info.url);
    expect(info.credentials.consumerKey).toMatch(/^ck_[0-9a-f]{40}$/);
    expect(info.credentials.consumerSecret).toMatch(/^cs_[0-9a-f]{40}$/);
    const sandboxInfo = await (await fetch(`${info.url}/_sandbox/info`)).json();
    expect(sandboxInfo).toMatchObject({ consumerKey: info.credentials.consumerKey });
    const anonymous = await fetch(`${info.url}/wp-json/wc/v3/products`);
    expect(anonymous.status).toBe(401);
  }, 60_000);
});
