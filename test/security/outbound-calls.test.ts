import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The architecture rule "every outbound request goes through the guarded HTTP layer" as a check on
 * the source: any other way out of the process must be listed here with the reason it is safe.
 * Sandboxes (local stand-ins for platforms) and tests are outside the hub and not scanned.
 */
const allowed: Record<string, string> = {
  "connectors/http/guarded-fetch.ts": "the guarded layer itself",
  "connectors/http/test-server.ts": "a 127.0.0.1 server for the layer's own tests; it sends nothing",
  "modules/notifications/email-sender.ts": "the operator's SMTP_URL relay, not a merchant's host",
  "cli/local-server.ts": "the CLI calling its own hub at the loopback URL the hub wrote to its data dir",
  "demo/hub-client.ts": "the demo script calling the hub it started, as any API client would",
};

const ways = [
  /\bfetch\s*\(/,
  /globalThis\.fetch\b/,
  /from "undici"/,
  /from "node:https?"/,
  /from "node:(?:net|tls)"[^;]*\bconnect\b/,
  /\b(?:net|tls)\.connect\s*\(/,
  /from "nodemailer"/,
];

/** The code of a file without its comments, which may well mention `fetch (…)`. */
function code(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "sandboxes" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("outbound calls", () => {
  it("leave the hub only through the guarded layer or a listed, reasoned exception", () => {
    const src = join(import.meta.dirname, "../../src");
    const found = sourceFiles(src)
      .filter((file) => {
        const text = code(file);
        return ways.some((way) => way.test(text));
      })
      .map((file) => relative(src, file))
      .sort();
    expect(found).toEqual(Object.keys(allowed).sort());
  });
});
