import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { basicAuth, FIRST_INVENTORY_ITEM_ID, postForm, qboApi, startTestSandbox } from "./test-helpers.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface TokenBody {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
  error?: string;
}

let sandbox: QuickBooksOnlineSandbox;

beforeEach(async () => {
  // A frozen clock: only advanceClock moves time, so lifetimes can be checked to the second.
  const frozen = new Date("2026-03-02T17:00:00Z");
  sandbox = await startTestSandbox({ now: () => frozen });
});

afterEach(async () => {
  await sandbox.close();
});

async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await postForm(`${sandbox.url}/oauth2/v1/tokens/bearer`, form, {
    authorization: basicAuth(sandbox),
    ...headers,
  });
  return { status: response.status, body: (await response.json()) as TokenBody };
}

const refresh = (refreshToken: string) =>
  tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });

async function authorize(redirectUri: string): Promise<URL> {
  const url = new URL(`${sandbox.url}/connect/oauth2`);
  url.search = new URLSearchParams({
    client_id: sandbox.clientId,
    response_type: "code",
    scope: "com.intuit.quickbooks.accounting openid",
    redirect_uri: redirectUri,
    state: "csrf-123",
  }).toString();
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

describe("authorization code flow", () => {
  it("redirects back with code, state and realmId, and exchanges the code once", async () => {
    const callback = await authorize("http://127.0.0.1:9/callback");
    expect(callback.pathname).toBe("/callback");
    expect(callback.searchParams.get("state")).toBe("csrf-123");
    expect(callback.searchParams.get("realmId")).toBe(sandbox.realmId);
    const code = callback.searchParams.get("code") ?? "";

    const first = await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://127.0.0.1:9/callback",
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      token_type: "bearer",
      expires_in: 3600,
      x_refresh_token_expires_in: 8_640_000,
    });
    expect(
      (await qboApi(sandbox, first.body.access_token).get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status,
    ).toBe(200);

    const reused = await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://127.0.0.1:9/callback",
    });
    expect(reused).toEqual({ status: 400, body: { error: "invalid_grant" } });
  });

  it("rejects a client with the wrong secret", async () => {
    const response = await postForm(
      `${sandbox.url}/oauth2/v1/tokens/bearer`,
      { grant_type: "refresh_token", refresh_token: sandbox.initialTokens.refreshToken },
      { authorization: `Basic ${Buffer.from(`${sandbox.clientId}:wrong`).toString("base64")}` },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid_client" });
  });
});

describe("refresh token rotation", () => {
  it("issues a new pair, replays it for the old token for 24 h, then answers invalid_grant", async () => {
    const original = sandbox.initialTokens.refreshToken;
    const rotated = await refresh(original);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(original);
    expect(rotated.body.expires_in).toBe(3600);

    sandbox.control.advanceClock(23 * HOUR);
    const again = await refresh(original);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(rotated.body.refresh_token);

    sandbox.control.advanceClock(HOUR);
    expect(await refresh(original)).toEqual({ status: 400, body: { error: "invalid_grant" } });

    const next = await refresh(rotated.body.refresh_token);
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).not.toBe(rotated.body.refresh_token);
  });

  it("expires an unused refresh token after 100 days", async () => {
    sandbox.control.advanceClock(100 * DAY);
    expect(await refresh(sandbox.initialTokens.refreshToken)).toEqual({
      status: 400,
      body: { error: "invalid_grant" },
    });
  });

  it("reports the absolute five-year lifetime when the client opts in", async () => {
    const response = await tokenRequest(
      { grant_type: "refresh_token", refresh_token: sandbox.initialTokens.refreshToken },
      { "x-include-refresh-token-hard-expires-in": "true" },
    );
    expect(response.body.x_refresh_token_hard_expires_in).toBe(5 * 365 * 86_400);
  });
});

describe("access tokens", () => {
  it("answers 401 AuthenticationFailed once the hour is up", async () => {
    const api = qboApi(sandbox);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
    sandbox.control.advanceClock(HOUR);
    const expired = await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(expired.body.fault).toMatchObject({
      error: [{ message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", code: "3200" }],
      type: "AUTHENTICATION",
    });
    expect(expired.body.fault?.error[0]?.detail).toMatch(/^Token expired: /);
  });

  it("expires on demand and rejects unknown tokens", async () => {
    sandbox.control.expireAccessTokens();
    expect((await qboApi(sandbox).get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(401);
    expect((await qboApi(sandbox, "not-a-token").get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(401);
    const renewed = await refresh(sandbox.initialTokens.refreshToken);
    expect(
      (await qboApi(sandbox, renewed.body.access_token).get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status,
    ).toBe(200);
  });

  it("answers 403 for another company's realm id", async () => {
    const response = await fetch(`${sandbox.url}/v3/company/123/item/1?minorversion=75`, {
      headers: { authorization: `Bearer ${sandbox.initialTokens.accessToken}`, accept: "application/json" },
    });
    expect(response.status).toBe(403);
  });

  it("disconnects the company when a token is revoked", async () => {
    const response = await fetch(`${sandbox.url}/v2/oauth2/tokens/revoke`, {
      method: "POST",
      headers: {
        authorization: basicAuth(sandbox),
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ token: sandbox.initialTokens.refreshToken }),
    });
    expect(response.status).toBe(200);
    expect((await qboApi(sandbox).get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(401);
    expect((await refresh(sandbox.initialTokens.refreshToken)).body).toEqual({ error: "invalid_grant" });
  });
});
