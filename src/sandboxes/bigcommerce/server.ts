import type { PlatformServer } from "../kit/sandbox.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerBcControlRoutes } from "./control.ts";
import { bcErrorStyle } from "./errors.ts";
import { bcGate, type RateSettings } from "./gate.ts";
import { registerCatalogRoutes } from "./routes/catalog.ts";
import type { BcContext } from "./routes/common.ts";
import { registerHookRoutes } from "./routes/hooks.ts";
import { registerInventoryRoutes } from "./routes/inventory.ts";
import { registerOrderRoutes } from "./routes/orders.ts";
import { registerRefundRoutes } from "./routes/refunds.ts";

export interface BcServerDeps {
  readonly ctx: BcContext;
  readonly accessTokens: readonly string[];
  readonly rate: RateSettings;
  readonly rateLimit: RateLimitSlot;
  readonly info: () => Record<string, unknown>;
}

/** The sandbox's HTTP face: BigCommerce's gate, v2/v3 routes, control routes and error shapes. */
export function bcServer(deps: BcServerDeps): PlatformServer {
  const { ctx } = deps;
  return {
    gate: bcGate({ storeHash: ctx.storeHash, accessTokens: deps.accessTokens, rate: deps.rate }),
    errors: bcErrorStyle,
    info: deps.info,
    routes(app) {
      registerCatalogRoutes(app, ctx);
      registerInventoryRoutes(app, ctx);
      registerOrderRoutes(app, ctx);
      registerRefundRoutes(app, ctx);
      registerHookRoutes(app, ctx);
      registerBcControlRoutes(app, { ctx, rate: deps.rate, rateLimit: deps.rateLimit });
    },
  };
}
