import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  credentialsFor,
  fastRetries,
  startCompany,
  tracedEnv,
} from "../../../test/helpers/quickbooks-session.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { QboFaultError } from "./faults.ts";
import { createQuickBooksSession } from "./session.ts";

let sandbox: QuickBooksOnlineSandbox;

beforeEach(async () => {
  sandbox = await startCompany();
});
afterEach(() => sandbox.close());

/** The gateway's 401 as real QuickBooks sends it: lower-case `fault` and `"element": null`. */
const gateway401 = JSON.stringify({
  warnings: null,
  intuitObject: null,
  fault: {
    error: [
      {
        message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
        detail: "Token revoked",
        code: "3200",
        element: null,
      },
    ],
    type: "AUTHENTICATION",
  },
  report: null,
  time: 1_765_000_000_000,
});

describe("QuickBooks gateway faults with element: null", () => {
  it("a token for another company (403, code 3100) is the authorization fault", async () => {
    const { env } = tracedEnv();
    const session = createQuickBooksSession(
      credentialsFor(sandbox, { realmId: "9130000000000001" }),
      env,
      fastRetries,
    );
    const error = await session.validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboFaultError);
    expect(error).toMatchObject({ kind: "authorization", status: 403, code: "3100", retryable: false });
  });

  it("a second 401 after a successful refresh is the authentication fault, refreshed once", async () => {
    const { env, trace } = tracedEnv();
    const passThrough = env.fetch ?? fetch;
    env.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.startsWith("/v3/")) return passThrough(input, init);
      trace.events.push(`fetch ${url.pathname} rejected`);
      return new Response(gateway401, { status: 401, headers: { "content-type": "application/json" } });
    };
    const session = createQuickBooksSession(credentialsFor(sandbox), env, fastRetries);
    const error = await session.validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboFaultError);
    expect(error).toMatchObject({ kind: "authentication", status: 401, code: "3200", retryable: false });
    expect(trace.events.filter((e) => e.startsWith("fetch /oauth2/"))).toHaveLength(1);
    expect(trace.events.filter((e) => e.endsWith("rejected"))).toHaveLength(2);
  });
});
