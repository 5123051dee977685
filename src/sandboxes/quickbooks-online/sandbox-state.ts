import type { Clock } from "./clock.ts";
import type { CompanyProfile } from "./company.ts";
import { RequestIdCache } from "./idempotency.ts";
import type { KindContext, Preferences } from "./kinds/index.ts";
import { RealmLimiter } from "./limits.ts";
import { OAuthServer } from "./oauth.ts";
import { RequestLog } from "./request-log.ts";
import { seedCompany } from "./seed.ts";
import { EntityStore } from "./store.ts";
import { WebhookDispatcher } from "./webhooks.ts";

export interface SandboxConfig {
  seed: number;
  items: number;
  realmId: string;
  clientId: string;
  clientSecret: string;
  verifierToken: string;
  webhookBatchMs: number;
  webhookRetryScale: number;
  company: CompanyProfile;
}

const DEFAULT_PREFERENCES: Preferences = { duplicateDocNumberCheck: false, defaultTermDays: 30 };

/** Everything one sandbox company holds; wired by hand, shared by the API, control and OAuth routes. */
export class SandboxState {
  readonly store: EntityStore;
  readonly oauth: OAuthServer;
  readonly limiter: RealmLimiter;
  readonly log = new RequestLog();
  readonly requestIds = new RequestIdCache();
  readonly webhooks: WebhookDispatcher;
  prefs: Preferences = { ...DEFAULT_PREFERENCES };

  constructor(
    readonly config: SandboxConfig,
    readonly clock: Clock,
  ) {
    this.store = new EntityStore(clock);
    this.oauth = new OAuthServer(clock, config.clientId, config.clientSecret);
    this.limiter = new RealmLimiter(clock);
    this.webhooks = new WebhookDispatcher(
      clock,
      config.realmId,
      config.verifierToken,
      config.webhookBatchMs,
      config.webhookRetryScale,
    );
    this.store.onChange((change) => this.webhooks.record(change));
    seedCompany(this.store, clock, config);
  }

  context(): KindContext {
    return {
      store: this.store,
      clock: this.clock,
      prefs: this.prefs,
      company: this.config.company,
      hidden: new Set(),
    };
  }

  /** Back to the seeded company; tokens and the clock are kept so connected clients stay connected. */
  reset(): void {
    this.store.clear();
    seedCompany(this.store, this.clock, this.config);
    this.limiter.reset();
    this.log.clear();
    this.requestIds.clear();
    this.webhooks.clear();
    this.prefs = { ...DEFAULT_PREFERENCES };
  }
}
