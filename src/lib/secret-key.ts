import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import { type Config, decodeKey } from "../config.ts";

/**
 * The credentials key: STOCKWIRE_SECRET when set; in embedded mode otherwise a key generated once
 * into the data dir (mode 0600). PostgreSQL deployments must set it, since several machines share
 * the database and a key on one machine's disk would strand the others.
 */
export function resolveSecretKey(config: Config, logger: Logger): Buffer {
  if (config.secret) return config.secret;
  if (config.engine === "postgres") {
    throw new Error(
      "STOCKWIRE_SECRET: required with DATABASE_URL (generate one with `openssl rand -hex 32`)",
    );
  }
  const dir = resolve(config.dataDir);
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
