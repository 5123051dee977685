import type { FastifyInstance } from "fastify";
import { registerKitControlRoutes } from "./control-routes.ts";
import type { ErrorStyle } from "./errors.ts";
import { Faults } from "./faults.ts";
import { createRng } from "./prng.ts";
import type { RateModel } from "./rate-limit.ts";
import { type SeededStore, seedStore } from "./seed/index.ts";
import { createSandboxServer, listenOnLoopback, type PlatformGate, type RateLimitSlot } from "./server.ts";
import { WebhookDispatcher } from "./webhooks.ts";
import { WriteLog } from "./write-log.ts";

/** Options every seeded store sandbox takes. */
export interface StoreSandboxOptions {
  /** 0 (default) picks a free port; the sandbox listens on 127.0.0.1 only. */
  readonly port?: number;
  readonly seed?: number;
  /** Products to generate. Default 50. */
  readonly products?: number;
  /** Orders over the last 90 days. Default 200. */
  readonly orders?: number;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

/** What every sandbox hands its caller beside its platform's own fields. */
export interface KitSandbox {
  readonly url: string;
  readonly port: number;
  readonly seeded: SeededStore;
  readonly webhooks: WebhookDispatcher;
  readonly writeLog: WriteLog;
  readonly faults: Faults;
  close(): Promise<void>;
}

/** The parts a platform builds its store, routes and webhooks on. */
export interface SandboxParts {
  readonly seed: number;
  readonly nowMs: () => number;
  /** The platform-neutral store from the seed, with its realistic gaps; the platform maps it. */
  readonly seeded: SeededStore;
  readonly faults: Faults;
  readonly writeLog: WriteLog;
  readonly rateLimit: RateLimitSlot;
  readonly webhooks: WebhookDispatcher;
  readonly log?: (message: string) => void;
}

/** What a platform declares about its clock-independent parts. */
export interface PartsDeclaration {
  /** Mixed into the seed for the dispatcher's shuffles. */
  readonly rngSalt: number;
  /** Waits before each webhook retry; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Which webhook answers count as delivered; default 2xx. */
  readonly isSuccess?: (status: number) => boolean;
  /** The rate model in force at start; null for none. */
  readonly rateModel: (nowMs: () => number) => RateModel | null;
}

const DAY = 86_400_000;

export function sandboxParts(options: StoreSandboxOptions, declared: PartsDeclaration): SandboxParts {
  const seed = options.seed ?? 1;
  const nowMs = () => (options.now ? options.now().getTime() : Date.now());
  const seeded = seedStore({
    seed,
    products: options.products ?? 50,
    orders: options.orders ?? 200,
    // UTC midnight: every store seeded on one day is identical.
    anchorMs: Math.floor(nowMs() / DAY) * DAY,
  });
  const webhooks = new WebhookDispatcher({
    rng: createRng(seed ^ declared.rngSalt),
    retryDelaysMs: declared.retryDelaysMs,
    ...(declared.isSuccess ? { isSuccess: declared.isSuccess } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    seed,
    nowMs,
    seeded,
    faults: new Faults(),
    writeLog: new WriteLog(nowMs),
    rateLimit: { model: declared.rateModel(nowMs) },
    webhooks,
    ...(options.log ? { log: options.log } : {}),
  };
}

/** A platform's HTTP face as the kit serves it. */
export interface PlatformServer {
  readonly gate: PlatformGate;
  readonly errors: ErrorStyle;
  /** The platform's API routes and its own `/_sandbox/` routes (orders, refunds, stock, …). */
  routes(app: FastifyInstance): void;
  /** What `GET /_sandbox/info` answers: credentials, gaps, seed ids. */
  info(): Record<string, unknown>;
}

/**
 * Serves a platform on 127.0.0.1: the kit gate (faults → auth → rate model → write log), the
 * shared control routes and `/_sandbox/info`, then the platform's routes in its error shape.
 */
export async function serveSandbox(
  parts: SandboxParts,
  platform: PlatformServer,
  port = 0,
): Promise<KitSandbox & { readonly app: FastifyInstance }> {
  const { faults, writeLog, rateLimit, webhooks } = parts;
  const app = createSandboxServer({
    gate: platform.gate,
    faults,
    writeLog,
    rateLimit,
    errors: platform.errors,
  });
  registerKitControlRoutes(app, { faults, writeLog, webhooks, rateLimit });
  app.get("/_sandbox/info", async () => platform.info());
  platform.routes(app);
  const listening = await listenOnLoopback(app, port);
  return {
    ...listening,
    app,
    seeded: parts.seeded,
    webhooks,
    writeLog,
    faults,
    close: async () => {
      webhooks.stop();
      await webhooks.whenIdle();
      await app.close();
    },
  };
}
