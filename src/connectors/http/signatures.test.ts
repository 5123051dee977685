import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { headerValue, hmacSha256, signatureMatches, verifyBodyHmac } from "./signatures.ts";

const body = Buffer.from('{"id":1,"sku":"A-1"}');
const secret = "s3cret";
const base64 = createHmac("sha256", secret).update(body).digest("base64");
const hex = createHmac("sha256", secret).update(body).digest("hex");

describe("signature helpers", () => {
  it("verifies HMAC-SHA256 over the raw body in base64 or hex", () => {
    expect(verifyBodyHmac({ secret, rawBody: body, signature: base64, encoding: "base64" })).toBe(true);
    expect(verifyBodyHmac({ secret, rawBody: body, signature: ` ${hex}\n`, encoding: "hex" })).toBe(true);
    expect(verifyBodyHmac({ secret, rawBody: body, signature: hex, encoding: "base64" })).toBe(false);
  });

  it("refuses a changed body, another secret, a missing secret and a missing or malformed signature", () => {
    const changed = Buffer.from('{"id":1,"sku":"A-2"}');
    expect(verifyBodyHmac({ secret, rawBody: changed, signature: base64, encoding: "base64" })).toBe(false);
    expect(verifyBodyHmac({ secret: "other", rawBody: body, signature: base64, encoding: "base64" })).toBe(
      false,
    );
    expect(verifyBodyHmac({ secret: "", rawBody: body, signature: base64, encoding: "base64" })).toBe(false);
    expect(verifyBodyHmac({ secret, rawBody: body, signature: undefined, encoding: "base64" })).toBe(false);
    expect(signatureMatches(`zz${hex.slice(2)}`, hmacSha256(secret, body), "hex")).toBe(false);
    expect(signatureMatches(base64.slice(0, 20), hmacSha256(secret, body), "base64")).toBe(false);
  });

  it("signs several parts as one message", () => {
    const joined = createHmac("sha256", secret).update("msg_1.1700000000.").update(body).digest();
    expect(hmacSha256(secret, "msg_1.", "1700000000.", body).equals(joined)).toBe(true);
  });

  it("reads a header whatever its case", () => {
    expect(headerValue({ "X-Signature": "abc" }, "x-signature")).toBe("abc");
    expect(headerValue({ "x-signature": "abc" }, "X-Signature")).toBe("abc");
    expect(headerValue({}, "x-signature")).toBeUndefined();
  });
});
