import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountWithOwner, createApiToken, getUser } from "../../src/modules/accounts/index.ts";
import { startTestHub, type TestHub } from "../helpers/hub.ts";

/**
 * docs/api.md's examples work (issue 23): each ```sh block is one curl command followed by
 * `# → <status>` and, when the text names one, `(<code>` of the problem. They run in order, with
 * curl, against one hub on 127.0.0.1, with BASE, TOKEN, EMAIL and PASSWORD set as the guide says.
 */
const run = promisify(execFile);
const EMAIL = "guide@example.com";
const PASSWORD = "correct horse battery";

type Example = { command: string; status: number; code: string | undefined; line: number };

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  for (const match of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = match[1]!.trimEnd().split("\n");
    const expected = /^# → (\d{3})(?: \(([a-z_]+))?/.exec(lines.at(-1) ?? "");
    const line = markdown.slice(0, match.index).split("\n").length;
    if (!expected) throw new Error(`docs/api.md:${line}: the block does not end with "# → <status>"`);
    found.push({
      command: lines.slice(0, -1).join("\n"),
      status: Number(expected[1]),
      code: expected[2],
      line,
    });
  }
  return found;
}

let hub: TestHub;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  hub = await startTestHub();
  await hub.app.listen({ port: 0, host: "127.0.0.1" });
  const address = hub.app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const { accountId, userId } = await createAccountWithOwner(hub.ctx, {
    accountName: "Guide Shop",
    email: EMAIL,
    password: PASSWORD,
  });
  const { token } = await createApiToken(hub.ctx.db, await getUser(hub.ctx.db, accountId, userId), "guide");
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    BASE: `http://127.0.0.1:${address.port}`,
    TOKEN: token,
    EMAIL,
    PASSWORD,
  };
  // The cookie jar of the session examples lands here.
  dir = mkdtempSync(join(tmpdir(), "stockwire-api-guide-"));
}, 60_000);
afterAll(async () => {
  await hub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("docs/api.md", () => {
  const guide = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
  const all = examples(guide);

  it("has curl examples for each part of the guide", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.every((e) => /^curl /.test(e.command))).toBe(true);
  });

  it("answers each example with the status (and problem code) written under it", async () => {
    const wrong: string[] = [];
    for (const example of all) {
      // Appended options: curl reads them anywhere; the body goes to a file, the status to stdout.
      const command = `${example.command} -s -o body.json -w '%{http_code}'`;
      const { stdout } = await run("bash", ["-c", command], { cwd: dir, env });
      const body = readFileSync(join(dir, "body.json"), "utf8");
      const code = example.code ? (JSON.parse(body) as { code?: string }).code : undefined;
      if (Number(stdout) !== example.status || code !== example.code)
        wrong.push(
          `docs/api.md:${example.line}: expected ${example.status} ${example.code ?? ""}, got ${stdout} ${body}`,
        );
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
