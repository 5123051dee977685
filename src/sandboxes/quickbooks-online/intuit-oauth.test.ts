import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, startTestSandbox } from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

/** intuit-oauth v4 takes custom endpoints through setAuthorizeURLs (they are process-wide statics). */
function client(): OAuthClient {
  const oauth = new OAuthClient({
    environment: "sandbox",
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    redirectUri: "http://127.0.0.1:9/callback",
    token: {
      token_type: "bearer",
      access_token: sandbox.initialTokens.accessToken,
      refresh_token: sandbox.initialTokens.refreshToken,
      expires_in: sandbox.initialTokens.expiresIn,
      x_refresh_token_expires_in: sandbox.initialTokens.xRefreshTokenExpiresIn,
      realmId: sandbox.realmId,
      createdAt: Date.now(),
    },
  });
  return oauth.setAuthorizeURLs({
    authorizeEndpoint: `${sandbox.url}/connect/oauth2`,
    tokenEndpoint: `${sandbox.url}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${sandbox.url}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${sandbox.url}/v1/openid_connect/userinfo`,
  });
}

describe("intuit-oauth against the sandbox", () => {
  it("refreshes the token pair and calls the API with the new access token", async () => {
    const oauth = client();
    await oauth.refresh();
    const token = oauth.getToken();
    expect(token.refresh_token).not.toBe(sandbox.initialTokens.refreshToken);
    expect(token.expires_in).toBe(3600);
    expect(oauth.isAccessTokenValid()).toBe(true);

    const response = await oauth.makeApiCall({
      url: `${sandbox.url}/v3/company/${sandbox.realmId}/item/${FIRST_INVENTORY_ITEM_ID}?minorversion=75`,
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ Item: { Id: FIRST_INVENTORY_ITEM_ID } });
  });

  it("completes the authorization-code flow from the authorize redirect", async () => {
    const oauth = client();
    const authorizeUri = oauth.authorizeUri({
      scope: [OAuthClient.scopes.Accounting],
      state: "dashboard-connect",
    });
    const redirect = await fetch(authorizeUri, { redirect: "manual" });
    const callback = redirect.headers.get("location") ?? "";
    await oauth.createToken(callback);
    const token = oauth.getToken();
    expect(token.realmId).toBe(sandbox.realmId);
    expect(token.access_token).toBeTruthy();
    expect(token.x_refresh_token_expires_in).toBe(8_640_000);
  });
});
