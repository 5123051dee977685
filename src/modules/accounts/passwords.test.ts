import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { hashPassword, passwordWork, verifyPassword } from "./passwords.ts";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterz", hash)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });

  it("turns a hash away at once with 503 busy when every slot and queue place is taken", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: 20 }, () => passwordWork.execute(() => held));
    // The holders keep every slot until release(): a hash that queued instead of being turned
    // away would never settle, so settling at all proves "at once" without a clock.
    const refused = await hashPassword("correct horse battery").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, code: "busy", details: { retryAfter: 2 } });
    release();
    await Promise.all(holders);
    expect(await verifyPassword("x", await hashPassword("x"))).toBe(true);
  });
});
