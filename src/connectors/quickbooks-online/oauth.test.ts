import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  credentialsFor,
  fastRetries,
  startCompany,
  tracedEnv,
} from "../../../test/helpers/quickbooks-session.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { QBO_LOCATION_ID } from "./catalog.ts";
import { QboAuthError } from "./oauth.ts";
import { createQuickBooksSession } from "./session.ts";

let sandbox: QuickBooksOnlineSandbox;

// A fresh company per test: rotations and clock moves must not leak between tests.
beforeEach(async () => {
  sandbox = await startCompany();
});
afterEach(() => sandbox.close());

const tokenCalls = (events: string[]) => events.filter((e) => e.startsWith("fetch /oauth2/v1/tokens/bearer"));

describe("QuickBooks OAuth 2 tokens", () => {
  it("refreshes after a 401, saves the rotated pair, then retries the call with it", async () => {
    const { env, trace } = tracedEnv({ saveDelayMs: 30 });
    const session = createQuickBooksSession(credentialsFor(sandbox), env, fastRetries);
    sandbox.control.expireAccessTokens();
    await expect(session.validate()).resolves.toMatchObject({ label: "Stockwire Sandbox Company" });

    expect(trace.saved).toHaveLength(1);
    const saved = trace.saved[0];
    expect(saved?.refreshToken).not.toBe(sandbox.initialTokens.refreshToken);
    expect(Date.parse(saved?.accessTokenExpiresAt ?? "")).toBeGreaterThan(Date.now() + 50 * 60_000);
    const newToken = saved?.accessToken.slice(-12) ?? "";
    const saveAt = trace.events.indexOf(`save ${newToken}`);
    const retryAt = trace.events.findIndex((e) => e.startsWith("fetch /v3/") && e.endsWith(newToken));
    expect(saveAt).toBeGreaterThan(-1);
    expect(retryAt).toBeGreaterThan(saveAt);
    expect(trace.events).toHaveLength(5); // 401, token grant, save, retried call, Preferences
  });

  it("refreshes before calling when the token is within 5 minutes of expiry", async () => {
    const { env, trace } = tracedEnv();
    const soon = new Date(Date.now() + 4 * 60_000).toISOString();
    const session = createQuickBooksSession(
      credentialsFor(sandbox, { accessTokenExpiresAt: soon }),
      env,
      fastRetries,
    );
    await session.validate();
    expect(trace.events.map((e) => e.split(" ").slice(0, 2).join(" "))).toEqual([
      "fetch /oauth2/v1/tokens/bearer",
      `save ${trace.saved[0]?.accessToken.slice(-12)}`,
      `fetch /v3/company/${sandbox.realmId}/companyinfo/${sandbox.realmId}`,
      `fetch /v3/company/${sandbox.realmId}/preferences`,
    ]);
  });

  it("refreshes once for many concurrent calls that all meet an expired token", async () => {
    const { env, trace } = tracedEnv({ saveDelayMs: 20 });
    const session = createQuickBooksSession(credentialsFor(sandbox), env, fastRetries);
    await session.validate();
    sandbox.control.expireAccessTokens();
    const reads = Array.from({ length: 6 }, (_, i) =>
      session.readStock([{ inventoryItemId: String(3 + i), locationId: QBO_LOCATION_ID }]),
    );
    const levels = await Promise.all(reads);
    expect(levels.every((l) => l.length === 1)).toBe(true);
    expect(tokenCalls(trace.events)).toHaveLength(1);
    expect(trace.saved).toHaveLength(1);
  });

  it("surfaces invalid_grant as a clear non-retryable error, asking once", async () => {
    const { env, trace } = tracedEnv();
    const credentials = credentialsFor(sandbox, {
      refreshToken: "not-a-refresh-token",
      accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const session = createQuickBooksSession(credentials, env, fastRetries);
    const error = await session.validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboAuthError);
    expect(error).toMatchObject({ code: "reauthorization_required", retryable: false, status: 400 });
    expect((error as Error).message).toMatch(/invalid_grant.*reconnect QuickBooks/);
    expect(tokenCalls(trace.events)).toHaveLength(1);
    expect(trace.saved).toHaveLength(0);
  });

  it("does not use a rotated token it could not save", async () => {
    const { env, trace } = tracedEnv();
    env.saveCredentials = async () => {
      throw new Error("database down");
    };
    const session = createQuickBooksSession(credentialsFor(sandbox), env, fastRetries);
    sandbox.control.expireAccessTokens();
    await expect(session.validate()).rejects.toMatchObject({ code: "credentials_not_saved" });
    expect(trace.events.filter((e) => e.startsWith("fetch /v3/"))).toHaveLength(1); // only the refused call
  });
  it("keeps working with the persisted rotation after the old refresh token dies", async () => {
    const first = tracedEnv();
    const session = createQuickBooksSession(credentialsFor(sandbox), first.env, fastRetries);
    sandbox.control.expireAccessTokens();
    await session.validate();
    const rotated = first.trace.saved[0];
    if (!rotated) throw new Error("no rotation saved");

    sandbox.control.advanceClock(25 * 3_600_000); // access tokens and the old refresh token are dead now
    const later = tracedEnv();
    const restarted = createQuickBooksSession(rotated, later.env, fastRetries);
    await expect(restarted.validate()).resolves.toMatchObject({ label: "Stockwire Sandbox Company" });
    expect(later.trace.saved).toHaveLength(1);

    const stale = createQuickBooksSession(credentialsFor(sandbox), tracedEnv().env, fastRetries);
    await expect(stale.validate()).rejects.toMatchObject({
      code: "reauthorization_required",
      retryable: false,
    });
  });
});
