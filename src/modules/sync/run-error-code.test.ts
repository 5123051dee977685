import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { BooksError, PlatformDeferred } from "../../connectors/contract.ts";
import { createPlatformClient, createTokenBucket, PlatformError } from "../../connectors/http/index.ts";
import { reply, startTestServer } from "../../connectors/http/test-server.ts";
import { AppError } from "../../lib/errors.ts";
import { RunRefused, runErrorCode } from "./run-error-code.ts";
import { runErrorCodes } from "./schema.ts";

/**
 * Codes come from the error's type and fields. Where the platform client raises the error, the
 * test drives the real client against a local server, so a change in what it raises shows here.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(options: { allowPrivateUrls?: boolean; resolveTo?: string } = {}) {
  return createPlatformClient({
    platform: "testshop",
    connectionLabel: "shop-1",
    budget: createTokenBucket({ capacity: 100, refillPerSecond: 100 }),
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2, maxThrottledRetries: 0 },
    allowPrivateUrls: options.allowPrivateUrls ?? true,
    logger: pino({ level: "silent" }),
    ...(options.resolveTo
      ? { resolveHost: async () => [{ address: options.resolveTo!, family: 4 as const }] }
      : {}),
  });
}

/** What a call to `url` with the client fails with. */
async function failureOf(url: string, c = client()): Promise<unknown> {
  return c.request({ method: "GET", url, priority: "orders" }).then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

async function answering(status: number, headers: Record<string, string> = {}): Promise<string> {
  server = await startTestServer((_seen, res) => reply(res, status, { errors: "no" }, headers));
  return server.url;
}

/** A local port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const platformError = (status: number | null, extra: { retryable?: boolean; throttled?: boolean } = {}) =>
  new PlatformError({
    platform: "testshop",
    status,
    retryable: extra.retryable ?? false,
    message: "testshop failed",
    attempts: 1,
    ...(extra.throttled ? { throttled: true } : {}),
  });

describe("runErrorCode", () => {
  it("credentials_rejected: the platform answers 401 or 403, or the books refuse the credentials", async () => {
    expect(runErrorCode(await failureOf(`${await answering(401)}/admin`))).toBe("credentials_rejected");
    expect(runErrorCode(platformError(403))).toBe("credentials_rejected");
    const books = new BooksError({ ...platformInit(), kind: "auth", code: "3200" });
    expect(runErrorCode(books)).toBe("credentials_rejected");
  });

  it("throttled: still over the platform's limit after the client's own waits", async () => {
    const url = `${await answering(429, { "retry-after": "0" })}/admin`;
    expect(runErrorCode(await failureOf(url))).toBe("throttled");
    // Shopify reports a throttle in a 200 body: the client's verdict, not the status, says so.
    expect(runErrorCode(platformError(200, { retryable: true, throttled: true }))).toBe("throttled");
    const deferred = new PlatformDeferred({ ...platformInit(), reason: "rate-limit", retryAfterMs: 1000 });
    expect(runErrorCode(deferred)).toBe("throttled");
    expect(runErrorCode(new BooksError({ ...platformInit(), kind: "throttled" }))).toBe("throttled");
  });

  it("platform_unavailable: 5xx after the retries, no answer, a timeout", async () => {
    expect(runErrorCode(await failureOf(`${await answering(503)}/admin`))).toBe("platform_unavailable");
    const nobody = await failureOf(`http://127.0.0.1:${await closedPort()}/admin`);
    expect(runErrorCode(nobody)).toBe("platform_unavailable");
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }),
    });
    expect(runErrorCode(refused)).toBe("platform_unavailable");
    expect(runErrorCode(new DOMException("The operation timed out", "TimeoutError"))).toBe(
      "platform_unavailable",
    );
  });

  it("address_refused: the outbound guard refuses the address, after DNS or by the URL", async () => {
    const guarded = client({ allowPrivateUrls: false, resolveTo: "127.0.0.1" });
    const afterDns = await failureOf("https://shop.example.com/admin", guarded);
    expect(afterDns).toBeInstanceOf(PlatformError);
    expect(runErrorCode(afterDns)).toBe("address_refused");
    const byUrl = await failureOf("https://10.0.0.1/admin", client({ allowPrivateUrls: false }));
    expect(runErrorCode(byUrl)).toBe("address_refused");
  });

  it("mode_blocked and feed_unsupported: the runner's own refusals", () => {
    expect(runErrorCode(new RunRefused("mode_blocked", "in test mode"))).toBe("mode_blocked");
    expect(runErrorCode(new RunRefused("feed_unsupported", "no method"))).toBe("feed_unsupported");
  });

  it("internal_error: anything else, whatever its message says", async () => {
    expect(runErrorCode(new Error("HTTP 401 unauthorized: invalid token"))).toBe("internal_error");
    expect(runErrorCode(await failureOf(`${await answering(400)}/admin`))).toBe("internal_error");
    expect(runErrorCode(platformError(null))).toBe("internal_error");
    expect(runErrorCode(new AppError("unexpected_state", "order_not_found", "gone"))).toBe("internal_error");
    expect(runErrorCode("a thrown string")).toBe("internal_error");
  });
});

function platformInit() {
  return { platform: "books", status: null, retryable: false, message: "refused", attempts: 1 };
}

it("lists every run error code in docs/error-codes.md", () => {
  const catalogue = readFileSync(join(import.meta.dirname, "../../../docs/error-codes.md"), "utf8");
  const section = catalogue.slice(catalogue.indexOf("## Feed run error codes"));
  expect(runErrorCodes.filter((code) => !section.includes(`| \`${code}\` |`))).toEqual([]);
});
