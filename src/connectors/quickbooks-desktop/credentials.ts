import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// The parameters and `scrypt$N$r$p$salt$hash` format people's passwords use (accounts/passwords.ts).
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const MAX_MEM = 64 * 1024 * 1024;
export const WEB_CONNECTOR_PASSWORD_MIN = 10;

/**
 * What the merchant types at pairing: the user name and password the Web Connector will send.
 * Only a memory-hard hash of the password is kept (the pairing is the one place it is hashed, and
 * zod parses synchronously, so this hash is the synchronous scrypt; checks are asynchronous).
 */
export const webConnectorCredentialsSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\s<>&"]+$/, 'username may not contain spaces or < > & "')
      .meta({ title: "Web Connector user name", description: "The name the Web Connector will send" }),
    password: z
      .string()
      .min(WEB_CONNECTOR_PASSWORD_MIN)
      .max(200)
      .meta({ title: "Web Connector password", description: "At least 10 characters", format: "password" }),
  })
  .strict()
  .transform(({ username, password }) => ({ username, passwordHash: hashSync(password) }));
export type WebConnectorCredentials = z.output<typeof webConnectorCredentialsSchema>;

const stored = z.object({ username: z.string(), passwordHash: z.string() });

function hashSync(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEM });
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

export function storedUsername(credentials: unknown): string {
  return stored.parse(credentials).username;
}

export async function checkWebConnectorPassword(credentials: unknown, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.parse(credentials).passwordHash.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password,
      Buffer.from(salt, "base64"),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
