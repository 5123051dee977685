import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectors } from "../../src/connectors/index.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../helpers/hub.ts";
import { type RunningSandbox, SANDBOX_FLAGS, startSandboxCli } from "./sandbox-cli.ts";

/**
 * GET /api/v1/platforms serves each connector's credentials as JSON Schema (issue 23), which the
 * dashboard's pairing form is built from: checked with an independent validator (Ajv) against the
 * credentials the sandbox CLI prints, which the hub then pairs with.
 */
type Served = {
  platform: string;
  credentialsSchema: { properties: Record<string, { title?: string; format?: string }>; required?: string[] };
  settingsSchema: Record<string, unknown>;
};

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
// A UI hint (masked input), not a constraint.
ajv.addFormat("password", true);

let hub: TestHub;
let tenant: Tenant;
let served: Map<string, Served>;
const sandboxes: RunningSandbox[] = [];
beforeAll(async () => {
  hub = await startTestHub({ env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  tenant = await createTenant(hub);
  const response = await hub.app.inject({ url: "/api/v1/platforms", headers: tenant.auth });
  expect(response.statusCode).toBe(200);
  served = new Map((response.json().items as Served[]).map((p) => [p.platform, p]));
  sandboxes.push(...(await Promise.all(Object.keys(SANDBOX_FLAGS).map(startSandboxCli))));
}, 60_000);
afterAll(async () => {
  for (const s of sandboxes) s.stop();
  await hub?.close();
});

describe("GET /api/v1/platforms", () => {
  it("serves a valid credentials and settings schema for every registered platform", () => {
    expect([...served.keys()].sort()).toEqual(Object.keys(connectors).sort());
    for (const { platform, credentialsSchema, settingsSchema } of served.values()) {
      expect(() => ajv.compile(credentialsSchema), platform).not.toThrow();
      expect(() => ajv.compile(settingsSchema), platform).not.toThrow();
      // A form needs a label for every field and something required to ask for.
      const untitled = Object.entries(credentialsSchema.properties).filter(([, p]) => !p.title);
      expect(untitled.map(([name]) => `${platform}.${name}`)).toEqual([]);
      expect(credentialsSchema.required?.length, platform).toBeGreaterThan(0);
    }
  });

  it("marks secrets as passwords so a form masks them", () => {
    const format = (platform: string, field: string) =>
      served.get(platform)?.credentialsSchema.properties[field]?.format;
    expect(format("shopify", "accessToken")).toBe("password");
    expect(format("quickbooks-online", "refreshToken")).toBe("password");
    expect(format("woocommerce", "consumerSecret")).toBe("password");
    expect(format("bigcommerce", "accessToken")).toBe("password");
    expect(format("quickbooks-desktop", "password")).toBe("password");
    expect(format("shopify", "shopDomain")).toBeUndefined();
  });

  it("refuses what the connector refuses: missing required fields and unknown types", () => {
    const validate = ajv.compile(served.get("shopify")?.credentialsSchema ?? {});
    expect(validate({ shopDomain: "a.myshopify.com", accessToken: "x" })).toBe(false);
    expect(validate({ shopDomain: "a.myshopify.com", accessToken: "x", apiSecret: "y", plan: "gold" })).toBe(
      false,
    );
    const desktop = ajv.compile(served.get("quickbooks-desktop")?.credentialsSchema ?? {});
    expect(desktop({ username: "shop", password: "long enough pass" })).toBe(true);
    expect(desktop({ username: "shop", password: "short" })).toBe(false);
  });

  it("accepts the credentials each sandbox CLI prints, and the hub pairs with them", async () => {
    for (const { info } of sandboxes) {
      const validate = ajv.compile(served.get(info.platform)?.credentialsSchema ?? {});
      expect(validate(info.credentials), `${info.platform}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const paired = await hub.app.inject({
        method: "POST",
        url: "/api/v1/connections",
        headers: tenant.auth,
        payload: {
          platform: info.platform,
          name: `${info.platform} sandbox`,
          credentials: info.credentials,
          onboarding: false,
        },
      });
      expect(paired.statusCode, paired.body).toBe(201);
    }
    expect(sandboxes.map((s) => s.info.platform).sort()).toEqual(Object.keys(SANDBOX_FLAGS).sort());
  });
});
