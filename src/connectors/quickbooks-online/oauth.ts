import { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import { type PlatformClient, PlatformError } from "../http/index.ts";
import type { QuickBooksCredentials } from "./credentials.ts";

/** Refresh this long before the access token's stated expiry, so a call never races the clock. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  x_refresh_token_expires_in: z.number().positive().optional(),
});
const tokenError = z.looseObject({ error: z.string() });

export type QboAuthErrorCode = "reauthorization_required" | "invalid_client" | "credentials_not_saved";

/** The connection cannot get a working token without the merchant: never retried by the job queue. */
export class QboAuthError extends PlatformError {
  override name = "QboAuthError";
  constructor(
    readonly code: QboAuthErrorCode,
    message: string,
    status: number | null,
  ) {
    super({ platform: "quickbooks-online", status, retryable: false, message, attempts: 1 });
  }
}

export type TokenManager = {
  /** A usable access token, refreshed first when it is within 5 minutes of expiry. */
  accessToken(): Promise<string>;
  /** After a 401 on `rejected`: refreshes once per session however many calls saw it. */
  refreshAfterRejection(rejected: string): Promise<string>;
  /** The credentials as they stand (rotated ones after a refresh). */
  current(): QuickBooksCredentials;
};

/**
 * OAuth 2 refresh-token grant done here, through the platform client, rather than with
 * `intuit-oauth`: that library keeps its endpoints in process-wide statics (`setAuthorizeURLs`),
 * which two connections with different endpoints in one process would race over, and it sends
 * through its own HTTP stack, past the URL guard, budget and log redaction.
 *
 * Rotation is crash-safe: the new pair is handed to `saveCredentials` and awaited *before* any call
 * uses it. If the process dies in between, the stored (old) refresh token still works for 24 hours
 * and yields the new pair again. One refresh is in flight at a time per session.
 */
export function createTokenManager(
  initial: QuickBooksCredentials,
  tokenUrl: string,
  client: PlatformClient,
  env: ConnectorEnv,
): TokenManager {
  let credentials = initial;
  let inFlight: Promise<string> | null = null;
  const now = () => (env.now ? env.now() : new Date()).getTime();

  async function grant(): Promise<string> {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
    const body = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credentials.refreshToken,
    });
    const res = await client.request({
      method: "POST",
      url: tokenUrl,
      headers: {
        Authorization: `Basic ${basic}`,
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body.toString(),
      priority: "orders",
      cost: 0,
      // 400/401 carry the OAuth error we branch on; 5xx and 429 are retried by the client.
      classify: (r) => (r.status === 429 ? "throttled" : r.status >= 500 ? "retry" : "ok"),
    });
    if (res.status !== 200) {
      const parsed = tokenError.safeParse(safeJson(res.bodyText));
      const error = parsed.success ? parsed.data.error : `HTTP ${res.status}`;
      if (error === "invalid_client") {
        throw new QboAuthError(
          "invalid_client",
          "QuickBooks refused the app's client id/secret (invalid_client); check the app credentials",
          res.status,
        );
      }
      throw new QboAuthError(
        "reauthorization_required",
        `QuickBooks refused the refresh token (${error}); the merchant must reconnect QuickBooks`,
        res.status,
      );
    }
    const tokens = tokenResponse.parse(safeJson(res.bodyText));
    const issuedAt = now();
    const rotated: QuickBooksCredentials = {
      ...credentials,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: new Date(issuedAt + tokens.expires_in * 1000).toISOString(),
      ...(tokens.x_refresh_token_expires_in
        ? {
            refreshTokenExpiresAt: new Date(
              issuedAt + tokens.x_refresh_token_expires_in * 1000,
            ).toISOString(),
          }
        : {}),
    };
    if (env.saveCredentials) {
      try {
        await env.saveCredentials(rotated);
      } catch (error) {
        // Not using the new pair is what keeps the stored one valid: nothing is lost.
        env.logger.error(
          { err: error, realmId: credentials.realmId },
          "saving rotated QuickBooks tokens failed",
        );
        throw new QboAuthError(
          "credentials_not_saved",
          "QuickBooks tokens were refreshed but could not be saved; the call was not made",
          null,
        );
      }
    } else {
      env.logger.warn({ realmId: credentials.realmId }, "QuickBooks tokens rotated without saveCredentials");
    }
    credentials = rotated;
    return rotated.accessToken;
  }

  function refresh(): Promise<string> {
    if (!inFlight) {
      inFlight = grant().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  return {
    async accessToken() {
      if (inFlight) return inFlight;
      const expiresAt = Date.parse(credentials.accessTokenExpiresAt);
      if (expiresAt - now() > REFRESH_MARGIN_MS) return credentials.accessToken;
      return refresh();
    },
    async refreshAfterRejection(rejected) {
      if (inFlight) return inFlight;
      // Another call already replaced the token this one was refused with.
      if (credentials.accessToken !== rejected) return credentials.accessToken;
      return refresh();
    },
    current: () => credentials,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
