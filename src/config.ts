import { isIP } from "node:net";
import { z } from "zod";
import { decodeKey } from "./lib/secret-key.ts";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const postgresUrl = z
  .string()
  .url("must be a URL like postgres://user@host:5432/db")
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://");

/** Every setting the hub reads from the environment; nothing else reads process.env. */
const envSchema = z.object({
  /** HTTP port; default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; default loopback so a fresh install is not exposed. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** PostgreSQL connection string; unset selects the embedded engine (PGlite). */
  DATABASE_URL: postgresUrl.optional(),
  /** Where the embedded engine and generated secret live; default ./.stockwire */
  STOCKWIRE_DATA_DIR: z.string().min(1).default("./.stockwire"),
  /** 32-byte key (64 hex chars or base64) encrypting platform credentials at rest. */
  STOCKWIRE_SECRET: z
    .string()
    .refine((v) => decodeKey(v) !== undefined, "must be 32 bytes as 64 hex characters or base64")
    .optional(),
  /** Public base URL of the hub (webhook callbacks, cookie Secure flag). */
  PUBLIC_URL: z.string().url("must be a URL like https://hub.example.com").optional(),
  /** smtp:// or smtps:// URL for e-mail; unset parks e-mail deliveries as "not configured". */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  /** Allow http:// and private addresses for platform URLs (sandboxes, demos); default off. */
  STOCKWIRE_ALLOW_PRIVATE_URLS: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /**
   * Which peers may set X-Forwarded-For: a hop count or a comma-separated list of proxy addresses
   * and CIDR ranges; default unset, so the client address is the TCP peer and cannot be forged.
   */
  TRUST_PROXY: z
    .string()
    .transform((v, zctx) => {
      const value = v.trim();
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value.split(",").map((e) => e.trim());
      const bad = entries.filter((e) => !isProxyAddress(e));
      if (bad.length === 0) return entries;
      zctx.addIssue({
        code: "custom",
        message: `must be a hop count or a comma-separated list of IP addresses or CIDR ranges (not ${bad.map((b) => JSON.stringify(b)).join(", ")})`,
      });
      return z.NEVER;
    })
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: Buffer | undefined;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  logLevel: (typeof logLevels)[number];
  allowPrivateUrls: boolean;
  /** Passed to Fastify's `trustProxy`; false trusts no proxy. */
  trustProxy: number | string[] | false;
  engine: "embedded" | "postgres";
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function isProxyAddress(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.STOCKWIRE_DATA_DIR,
    secret: e.STOCKWIRE_SECRET ? decodeKey(e.STOCKWIRE_SECRET) : undefined,
    publicUrl: e.PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    allowPrivateUrls: e.STOCKWIRE_ALLOW_PRIVATE_URLS,
    trustProxy: e.TRUST_PROXY ?? false,
    engine: e.DATABASE_URL ? "postgres" : "embedded",
  };
}
