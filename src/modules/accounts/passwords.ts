import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { BulkheadRejectedError, bulkhead } from "cockatiel";
import { AppError } from "../../lib/errors.ts";

// scrypt is memory-hard; N=2^15, r=8 needs ~32 MiB per hash, which slows offline guessing.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const MAX_MEM = 64 * 1024 * 1024;

/**
 * At most 4 hashes run at once (128 MiB) and 16 wait; past that a caller is turned away at once,
 * so a flood of sign-ins cannot pile up unbounded memory and CPU work behind the limiters.
 * Exported so tests can hold the slots.
 */
export const passwordWork = bulkhead(4, 16);

/** How long a caller turned away by `passwordWork` is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

async function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  try {
    return await passwordWork.execute(
      () =>
        new Promise<Buffer>((resolve, reject) =>
          scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
            err ? reject(err) : resolve(key),
          ),
        ),
    );
  } catch (error) {
    if (!(error instanceof BulkheadRejectedError)) throw error;
    throw new AppError("unavailable", "busy", "too many sign-ins are being checked; try again shortly", {
      retryAfter: BUSY_RETRY_AFTER_SECONDS,
    });
  }
}

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A hash to verify against when the e-mail is unknown, so response time does not reveal accounts.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  // A busy refusal must not be remembered as the decoy for good.
  decoy ??= hashPassword(randomBytes(16).toString("hex")).catch((error: unknown) => {
    decoy = undefined;
    throw error;
  });
  return decoy;
}

export const PASSWORD_MIN_LENGTH = 10;
