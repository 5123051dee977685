import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "./clock.ts";

/** Intuit's published lifetimes: 1 h access tokens, 100-day rolling refresh tokens, 5-year absolute cap. */
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 100 * 86_400;
export const REFRESH_HARD_SECONDS = 5 * 365 * 86_400;
/** "Your previous refresh tokens expire 24 hours after you receive a new one." */
export const REFRESH_GRACE_MS = 24 * 3_600_000;
const AUTH_CODE_MS = 5 * 60_000;

export interface TokenResponse {
  token_type: "bearer";
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
}

export type GrantOutcome = { ok: true; body: TokenResponse } | { ok: false; error: "invalid_grant" };
export type AccessCheck = { ok: true; realmId: string } | { ok: false; detail: string };

interface Connection {
  realmId: string;
  hardExpiresMs: number;
  revoked: boolean;
}

interface Grant {
  accessToken: string;
  refreshToken: string;
  connection: Connection;
}

interface RefreshRecord {
  connection: Connection;
  expiresMs: number;
  /** Set once this token has been used: the pair it produced, handed out again during the grace period. */
  rotated?: { grant: Grant; atMs: number };
}

interface CodeRecord {
  realmId: string;
  redirectUri: string;
  expiresMs: number;
  used: boolean;
}

function alphanumeric(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(length)].map((byte) => alphabet.charAt(byte % alphabet.length)).join("");
}

/** Real access tokens are ~1 KB JWE strings; a client that stores them in a short column should fail here too. */
function accessTokenString(): string {
  const header = Buffer.from('{"enc":"A128CBC-HS256","alg":"dir"}').toString("base64url");
  const part = (bytes: number) => randomBytes(bytes).toString("base64url");
  return `${header}..${part(16)}.${part(640)}.${part(16)}`;
}

function intuitStyleToken(nowMs: number, randomLength: number): string {
  return `AB11${Math.floor(nowMs / 1000)}${alphanumeric(randomLength)}`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Intuit's OAuth 2.0 server as the token endpoint, the authorize redirect and the API gateway see it. */
export class OAuthServer {
  private codes = new Map<string, CodeRecord>();
  private access = new Map<string, { connection: Connection; expiresMs: number }>();
  private refresh = new Map<string, RefreshRecord>();

  constructor(
    private readonly clock: Clock,
    readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  /** `Authorization: Basic base64(client_id:client_secret)`. */
  authenticateClient(header: string | undefined): boolean {
    const match = /^Basic\s+(.+)$/i.exec(header ?? "");
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return (
      colon > 0 &&
      sameSecret(decoded.slice(0, colon), this.clientId) &&
      sameSecret(decoded.slice(colon + 1), this.clientSecret)
    );
  }

  issueCode(realmId: string, redirectUri: string): string {
    const now = this.clock.now();
    const code = intuitStyleToken(now, 30);
    this.codes.set(code, { realmId, redirectUri, expiresMs: now + AUTH_CODE_MS, used: false });
    return code;
  }

  /** Tokens for a company the user has already connected (the sandbox's initial tokens). */
  connect(realmId: string, includeHard = false): TokenResponse {
    return this.connectAt(realmId, includeHard, this.clock.now());
  }

  exchangeCode(code: string, redirectUri: string | undefined, includeHard: boolean): GrantOutcome {
    const now = this.clock.now();
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresMs <= now || record.redirectUri !== redirectUri) {
      return { ok: false, error: "invalid_grant" };
    }
    record.used = true;
    return { ok: true, body: this.connectAt(record.realmId, includeHard, now) };
  }

  refreshGrant(token: string, includeHard: boolean): GrantOutcome {
    const now = this.clock.now();
    const record = this.refresh.get(token);
    if (!record || record.connection.revoked || now >= record.connection.hardExpiresMs) {
      return { ok: false, error: "invalid_grant" };
    }
    if (record.rotated) {
      if (now - record.rotated.atMs >= REFRESH_GRACE_MS) return { ok: false, error: "invalid_grant" };
      const grant = record.rotated.grant;
      const access = this.access.get(grant.accessToken);
      // The same pair again; only an access token that has meanwhile expired is replaced.
      if (!access || access.expiresMs <= now) grant.accessToken = this.mintAccess(grant.connection, now);
      return { ok: true, body: this.respond(grant, includeHard, now) };
    }
    if (now >= record.expiresMs) return { ok: false, error: "invalid_grant" };
    const grant = this.mint(record.connection, now);
    record.rotated = { grant, atMs: now };
    return { ok: true, body: this.respond(grant, includeHard, now) };
  }

  /** Revoking either token disconnects the app from the company, as Intuit's revoke endpoint does. */
  revoke(token: string): boolean {
    const connection = this.access.get(token)?.connection ?? this.refresh.get(token)?.connection;
    if (!connection) return false;
    connection.revoked = true;
    return true;
  }

  checkAccess(token: string): AccessCheck {
    const record = this.access.get(token);
    const prefix = token.slice(0, 16);
    if (!record) return { ok: false, detail: `Token invalid: ${prefix}` };
    if (record.connection.revoked) return { ok: false, detail: `Token revoked: ${prefix}` };
    if (record.expiresMs <= this.clock.now()) return { ok: false, detail: `Token expired: ${prefix}` };
    return { ok: true, realmId: record.connection.realmId };
  }

  expireAccessTokens(): void {
    const now = this.clock.now();
    for (const record of this.access.values()) record.expiresMs = Math.min(record.expiresMs, now);
  }

  // Each request reads the clock once, so a fresh pair reports exactly 3600 s and 100 days.
  private connectAt(realmId: string, includeHard: boolean, now: number): TokenResponse {
    const connection = { realmId, hardExpiresMs: now + REFRESH_HARD_SECONDS * 1000, revoked: false };
    return this.respond(this.mint(connection, now), includeHard, now);
  }

  private mintAccess(connection: Connection, now: number): string {
    const token = accessTokenString();
    this.access.set(token, { connection, expiresMs: now + ACCESS_TOKEN_SECONDS * 1000 });
    return token;
  }

  private mint(connection: Connection, now: number): Grant {
    const refreshToken = intuitStyleToken(now, 35);
    const expiresMs = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, connection.hardExpiresMs);
    this.refresh.set(refreshToken, { connection, expiresMs });
    return { accessToken: this.mintAccess(connection, now), refreshToken, connection };
  }

  private respond(grant: Grant, includeHard: boolean, now: number): TokenResponse {
    const seconds = (ms: number) => Math.max(0, Math.floor((ms - now) / 1000));
    const access = this.access.get(grant.accessToken);
    const refresh = this.refresh.get(grant.refreshToken);
    return {
      token_type: "bearer",
      access_token: grant.accessToken,
      refresh_token: grant.refreshToken,
      expires_in: seconds(access?.expiresMs ?? now),
      x_refresh_token_expires_in: seconds(refresh?.expiresMs ?? now),
      ...(includeHard ? { x_refresh_token_hard_expires_in: seconds(grant.connection.hardExpiresMs) } : {}),
    };
  }
}
