import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGTERM");
  child = null;
});

/** Starts `stockwire sandbox bigcommerce` and resolves with its first complete stdout line. */
function firstLine(args: string[]): Promise<string> {
  const spawned = spawn(process.execPath, ["bin/stockwire.js", "sandbox", "bigcommerce", ...args], {
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

describe("stockwire sandbox bigcommerce", () => {
  it("prints one JSON line with platform, url, credentials and the webhook secret", async () => {
    const line = await firstLine(["--port", "0", "--seed", "4", "--products", "6", "--orders", "2"]);
    const info = JSON.parse(line) as {
      platform: string;
      url: string;
      clientSecret: string;
      credentials: { storeHash: string; accessToken: string; apiUrl: string };
    };
    expect(info.platform).toBe("bigcommerce");
    expect(info.credentials.apiUrl).toBe(info.url);
    expect(info.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    const { storeHash, accessToken, apiUrl } = info.credentials;
    const products = await fetch(`${apiUrl}/stores/${storeHash}/v3/catalog/products`, {
      headers: { "X-Auth-Token": accessToken },
    });
    expect(products.status).toBe(200);
    expect(products.headers.get("x-rate-limit-requests-quota")).toBe("150");
    const anonymous = await fetch(`${apiUrl}/stores/${storeHash}/v3/catalog/products`);
    expect(anonymous.status).toBe(401);
  }, 60_000);
});
