import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "pino";

/** A 32-byte key written as 64 hex characters or base64; undefined when it is neither. */
export function decodeKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  const b64 = Buffer.from(trimmed, "base64");
  return b64.length === 32 ? b64 : undefined;
}

export type SecretKeySource = {
  /** The key the operator configured (STOCKWIRE_SECRET), if any. */
  secret: Buffer | undefined;
  /** Where the data lives: a shared PostgreSQL database needs the configured key. */
  engine: "embedded" | "postgres";
  /** The embedded engine's data dir, which keeps a generated key beside the data. */
  dataDir: string;
};

/**
 * The credentials key: STOCKWIRE_SECRET when set; in embedded mode otherwise a key generated once
 * into the data dir (mode 0600). PostgreSQL deployments must set it, since several machines share
 * the database and a key on one machine's disk would strand the others.
 */
export function resolveSecretKey(source: SecretKeySource, logger: Logger): Buffer {
  if (source.secret) return source.secret;
  if (source.engine === "postgres") {
    throw new Error(
      "STOCKWIRE_SECRET: required with DATABASE_URL (generate one with `openssl rand -hex 32`)",
    );
  }
  const dir = resolve(source.dataDir);
  const file = join(dir, "secret.key");
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, "utf8"));
    if (!key) throw new Error(`STOCKWIRE_SECRET: ${file} does not hold a 32-byte key`);
    return key;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  logger.warn({ file }, "generated a new credentials key; back it up with the data dir");
  return key;
}
