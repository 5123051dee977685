import { spawn } from "node:child_process";
import { onTestFinished } from "vitest";
import { type Api, apiFor } from "./api.ts";
import { CLI } from "./cli.ts";
import { createTenant, startTestHub, type TestHub } from "./hub.ts";
import { until } from "./until.ts";

/** Test wiring every channel sandbox (WooCommerce, BigCommerce, the next ones) shares. */

/**
 * Calls a sandbox's control API (`/_sandbox/<path>`); a refusal throws with its body. A GET that
 * meets a reset connection (a kept-alive socket dropped on a loaded machine) is sent once more.
 */
export async function sandboxControl<T = unknown>(
  sandbox: { readonly url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const send = () =>
    fetch(`${sandbox.url}/_sandbox/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
  const response = await send().catch((error: unknown) => {
    if (method !== "GET") throw error;
    return send();
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/**
 * Runs `stockwire sandbox <platform> <args>` and resolves with the JSON line it prints; the
 * process is stopped when the test finishes.
 */
export function sandboxFromCli<T>(platform: string, args: readonly string[]): Promise<T> {
  const child = spawn(process.execPath, [CLI, "sandbox", platform, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  onTestFinished(() => void child.kill("SIGTERM"));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const newline = out.indexOf("\n");
      if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as T);
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code} before printing`)));
  });
}

/** A working hub listening on 127.0.0.1 (sandboxes deliver webhooks to it) with one tenant's API. */
export async function startChannelHub(): Promise<{ hub: TestHub; api: Api }> {
  const hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  hub.ctx.config.publicUrl = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  return { hub, api: apiFor(hub.app, await createTenant(hub)) };
}

export type FeedRunView = {
  status: string;
  counts: Record<string, number>;
  messages: { code: string; message: string }[];
};

/** Starts a feed run through the API and waits until it has finished, however it ended. */
export async function runFeedAndWait(
  api: Api,
  connectionId: string,
  kind: string,
  full = false,
): Promise<FeedRunView> {
  const run = await api.post(`/api/v1/connections/${connectionId}/feeds/${kind}/run`, { full });
  return until<FeedRunView>(
    `${kind} on ${connectionId}`,
    async () => {
      const r = (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body;
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    },
    60_000,
  );
}
