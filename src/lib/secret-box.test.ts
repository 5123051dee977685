import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box.ts";

describe("secret box", () => {
  const box = createSecretBox(randomBytes(32));

  it("round-trips and never stores the plaintext", () => {
    const sealed = box.seal('{"accessToken":"shpat_123"}');
    expect(sealed).not.toContain("shpat_123");
    expect(box.open(sealed)).toBe('{"accessToken":"shpat_123"}');
  });

  it("uses a fresh nonce each time", () => {
    expect(box.seal("x")).not.toBe(box.seal("x"));
  });

  it("refuses tampered ciphertext and a different key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});
