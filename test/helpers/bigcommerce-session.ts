import { pino } from "pino";
import type { BigCommerceCredentials } from "../../src/connectors/bigcommerce/credentials.ts";
import {
  type BigCommerceSession,
  createBigCommerceSession,
} from "../../src/connectors/bigcommerce/session.ts";
import type { BigCommerceSandbox } from "../../src/sandboxes/bigcommerce/index.ts";

/** A session on a BigCommerce sandbox as the engine would open one, with a fast back-off for tests. */
export function bcSessionFor(
  sandbox: BigCommerceSandbox,
  overrides: Partial<BigCommerceCredentials> = {},
): BigCommerceSession {
  return createBigCommerceSession(
    { ...sandbox.credentials, clientSecret: sandbox.clientSecret, ...overrides },
    { logger: pino({ level: "silent" }), allowPrivateUrls: true },
    { retry: { baseDelayMs: 5 } },
  );
}
