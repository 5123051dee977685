import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { quickBooksCredentialsSchema, resolveEndpoints } from "./credentials.ts";
import { quickBooksOnlineConnector } from "./index.ts";

const base = {
  realmId: "9130842745863748",
  clientId: "ABclientid1234",
  clientSecret: "secret",
  accessToken: "access",
  refreshToken: "refresh",
  accessTokenExpiresAt: "2026-01-02T10:00:00.000Z",
};

describe("QuickBooks credentials", () => {
  it("defaults to Intuit's production endpoints and minor version 75", () => {
    const credentials = quickBooksCredentialsSchema.parse(base);
    expect(resolveEndpoints(credentials, false)).toEqual({
      apiBase: "https://quickbooks.api.intuit.com",
      tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
      minorVersion: 75,
    });
  });

  it("refuses a custom API or token URL outside sandbox mode", () => {
    const env = { logger: pino({ level: "silent" }), allowPrivateUrls: false };
    for (const custom of [
      { baseUrl: "http://127.0.0.1:9999" },
      { tokenUrl: "https://evil.example.com/token" },
    ]) {
      expect(() => quickBooksOnlineConnector.connect({ ...base, ...custom }, env)).toThrow(
        expect.objectContaining({ code: "platform_url_not_allowed" }),
      );
    }
  });

  it("rejects malformed credentials before any call", () => {
    expect(quickBooksCredentialsSchema.safeParse({ ...base, realmId: "abc" }).success).toBe(false);
    expect(quickBooksCredentialsSchema.safeParse({ ...base, minorVersion: 70 }).success).toBe(false);
    expect(quickBooksCredentialsSchema.safeParse({ ...base, accessTokenExpiresAt: "soon" }).success).toBe(
      false,
    );
  });
});
