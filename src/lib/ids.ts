import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token with a readable prefix, e.g. `swt_…` for API tokens. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString("base64url")}`;
}

/** Tokens are high-entropy, so a fast hash is enough to store them safely. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
