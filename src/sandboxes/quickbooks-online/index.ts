import type { AddressInfo } from "node:net";
import { createClock } from "./clock.ts";
import { type CompanyCountry, type CompanyEdition, DEFAULT_COMPANY } from "./company.ts";
import { createControl, type SandboxControl } from "./control.ts";
import { SandboxState } from "./sandbox-state.ts";
import { DEFAULT_ITEMS, DEFAULT_SEED, realmIdFor } from "./seed.ts";
import { buildApp } from "./server.ts";

export type { CompanyCountry, CompanyEdition, CompanyProfile } from "./company.ts";
export type {
  ItemEdit,
  ItemLookup,
  ManualDocumentInput,
  ManualItemInput,
  ManualLine,
  PostedDocuments,
  SandboxControl,
} from "./control.ts";
export type { Preferences } from "./kinds/index.ts";
export { DEFAULT_LIMITS, type LimitSettings } from "./limits.ts";
export type { RequestLogEntry, RequestLogSummary } from "./request-log.ts";
export type { WebhookFormat } from "./webhook-payloads.ts";
export {
  signIntuitWebhook,
  WEBHOOK_RETRY_SCHEDULE_MS,
  type WebhookDelivery,
  type WebhookSubscriptionInput,
  webhookRetryDelayMs,
} from "./webhooks.ts";

export interface QuickBooksOnlineSandboxOptions {
  /** Port to listen on. Default 0 (a free port). */
  port?: number;
  /** Interface to bind; loopback only. Default "127.0.0.1". */
  host?: "127.0.0.1";
  /** Seed for the sample company (accounts, customers, items, realm id). Default 1. */
  seed?: number;
  /** Number of inventory items to seed (two service items are added). Default 50. */
  items?: number;
  /** OAuth client id the token endpoint accepts. Default "ABstockwireSandboxClientId". */
  clientId?: string;
  /** OAuth client secret. Default "stockwire-sandbox-secret". */
  clientSecret?: string;
  /** Webhook verifier token used for `intuit-signature`. Default "stockwire-sandbox-verifier". */
  verifierToken?: string;
  /** Time source; token expiry, rate windows, CDC and MetaData follow it. Default the system clock. */
  now?: () => Date;
  /** Real milliseconds changes are aggregated before a webhook notification is sent. Default 200. */
  webhookBatchMs?: number;
  /**
   * Real milliseconds per millisecond of Intuit's webhook retry schedule (10 s, 20 s, 30 s, 5 min,
   * 20 min, 2 h, 4 h, then every 6 h). Default 1; 0.001 turns the 10 s retry into 10 ms.
   */
  webhookRetryScale?: number;
  /**
   * The company's country. Default "US". GB, CA and AU companies keep their books in GBP, CAD or
   * AUD, serve their tax codes, and refuse sales lines without a `TaxCodeRef`.
   */
  country?: CompanyCountry;
  /** The QBO edition. Default "Plus"; `InventoryAdjustment` needs a US Plus or Advanced company. */
  edition?: CompanyEdition;
}

export interface QuickBooksOnlineSandbox {
  /** Base URL: API at `${url}/v3/company/${realmId}`, token endpoint at `${url}/oauth2/v1/tokens/bearer`. */
  url: string;
  port: number;
  realmId: string;
  clientId: string;
  clientSecret: string;
  verifierToken: string;
  /** A pair issued at start, as if the company were already connected. */
  initialTokens: {
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
    xRefreshTokenExpiresIn: number;
  };
  control: SandboxControl;
  close(): Promise<void>;
}

export async function startQuickBooksOnlineSandbox(
  options: QuickBooksOnlineSandboxOptions = {},
): Promise<QuickBooksOnlineSandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = createClock(options.now);
  const state = new SandboxState(
    {
      seed,
      items: options.items ?? DEFAULT_ITEMS,
      realmId: realmIdFor(seed),
      clientId: options.clientId ?? "ABstockwireSandboxClientId",
      clientSecret: options.clientSecret ?? "stockwire-sandbox-secret",
      verifierToken: options.verifierToken ?? "stockwire-sandbox-verifier",
      webhookBatchMs: options.webhookBatchMs ?? 200,
      webhookRetryScale: options.webhookRetryScale ?? 1,
      company: {
        country: options.country ?? DEFAULT_COMPANY.country,
        edition: options.edition ?? DEFAULT_COMPANY.edition,
      },
    },
    clock,
  );
  const control = createControl(state);
  const app = buildApp(state, control);
  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const tokens = state.oauth.connect(state.config.realmId);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    realmId: state.config.realmId,
    clientId: state.config.clientId,
    clientSecret: state.config.clientSecret,
    verifierToken: state.config.verifierToken,
    initialTokens: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresIn: tokens.expires_in,
      xRefreshTokenExpiresIn: tokens.x_refresh_token_expires_in,
    },
    control,
    async close() {
      await state.webhooks.close();
      await app.close();
    },
  };
}
