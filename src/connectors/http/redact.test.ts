import { describe, expect, it } from "vitest";
import { bodyExcerpt, redactSecrets } from "./redact.ts";

describe("redactSecrets", () => {
  it.each([
    ['{"access_token":"abc.def-123","scope":"read"}', "abc.def-123"],
    ["{'client_secret': 'hunter2'}", "hunter2"],
    ["grant_type=refresh_token&refresh_token=AB11xyz&x=1", "AB11xyz"],
    ["Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi"],
    ["token shpat_0123456789abcdef0123456789abcdef leaked", "shpat_0123"],
    ["<AccessToken>qbo-secret-value</AccessToken>", "qbo-secret-value"],
    ["key 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c in text", "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"],
  ])("blanks the secret in %s", (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });

  it("keeps error codes, gids and numbers that help debugging", () => {
    const text =
      '{"code":"INVENTORY_QUANTITIES_LIMIT_EXCEEDED","id":"gid://shopify/ProductVariant/12345678901234"}';
    expect(redactSecrets(text)).toBe(text);
  });

  it("cuts excerpts to 300 characters after redacting", () => {
    const body = `${"x".repeat(290)} "access_token":"${"s".repeat(40)}" ${"y".repeat(500)}`;
    const excerpt = bodyExcerpt(body);
    expect(excerpt.length).toBeLessThanOrEqual(301);
    expect(excerpt).not.toContain("sss");
  });
});
