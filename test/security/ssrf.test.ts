import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch } from "../../src/connectors/http/guarded-fetch.ts";
import { createPlatformClient } from "../../src/connectors/http/platform-client.ts";
import { createTokenBucket } from "../../src/connectors/http/rate-budget.ts";
import { syncError } from "../../src/modules/connections/index.ts";
import { appendEvents } from "../../src/modules/events/index.ts";
import { notifyOnce, postWebhook } from "../../src/modules/notifications/index.ts";
import { type Api, apiFor } from "../helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../helpers/hub.ts";
import { attackNames, closedPort, fakeResolver, startListener } from "../helpers/ssrf-fixtures.ts";

/**
 * The SSRF table: every way a merchant-supplied URL could make the hub dial its own network —
 * literal addresses in all their IPv6 disguises, public-looking names that resolve inward, and
 * redirects — against the platform client and the notification webhooks.
 */
type Listener = Awaited<ReturnType<typeof startListener>>;
let internal: Listener;
const dns = fakeResolver({ ...attackNames, "shop.example.com": ["127.0.0.1"] });

beforeAll(async () => {
  internal = await startListener();
});
afterAll(async () => {
  await internal.close();
});

const literalTargets = (port: number) => [
  `https://127.0.0.1:${port}/`,
  `https://2130706433:${port}/`,
  `https://[::1]:${port}/`,
  `https://[::ffff:127.0.0.1]:${port}/`,
  `https://[::127.0.0.1]:${port}/`,
  "https://[fec0::1]/",
  "https://[2002:7f00:1::]/",
  "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
  "https://[64:ff9b::7f00:1]/",
  "https://[fd00::1]/",
  "https://169.254.169.254/latest/meta-data/",
];
const resolvedNames = Object.keys(attackNames).filter((name) => name !== "evil-shop.myshopify.com");

function platformClient(allowPrivateUrls: boolean) {
  return createPlatformClient({
    platform: "testshop",
    connectionLabel: "ssrf",
    budget: createTokenBucket({ capacity: 100, refillPerSecond: 100 }),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    allowPrivateUrls,
    resolveHost: dns.resolveHost,
    logger: pino({ level: "silent" }),
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => new Error("the call went through"),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  expect((outcome as Error).message).not.toBe("the call went through");
  return outcome as Error & Record<string, unknown>;
}

describe("SSRF: the platform client", () => {
  it.each(literalTargets(0).map((url) => url.replace(":0/", ":PORT/")))(
    "refuses the literal private target %s before connecting",
    async (template) => {
      const error = await rejection(
        platformClient(false).request({
          method: "GET",
          url: template.replace("PORT", String(internal.port)),
          priority: "catalog",
        }),
      );
      expect(error.message).toMatch(/refused|may not reach/);
      expect(internal.connections()).toBe(0);
    },
  );

  it.each(resolvedNames)(
    "refuses %s, a public-looking name that resolves inward, once and unretried",
    async (name) => {
      const error = await rejection(
        platformClient(false).request({
          method: "POST",
          url: `https://${name}:${internal.port}/admin/api/graphql.json`,
          priority: "orders",
        }),
      );
      expect(error).toMatchObject({ retryable: false, attempts: 1, status: null });
      expect(error.message).toContain(`${name} resolves to`);
      expect(error.message).toContain("may not reach");
      // What kind of address, never which one.
      expect(error.message).not.toMatch(/127\.0\.0\.1|::1\b|7f00|10\.0\.0\.5|169\.254|fec0/);
      expect(dns.asked).toContain(name);
      expect(internal.connections()).toBe(0);
    },
  );

  it("connects to the address its own lookup returned (sandbox mode), asking the resolver once", async () => {
    const before = dns.asked.length;
    const site = await startListener((res) => res.end("sandbox"));
    const res = await platformClient(true).request({
      method: "GET",
      url: `http://shop.example.com:${site.port}/ok`,
      priority: "catalog",
    });
    expect(res.bodyText).toBe("sandbox");
    expect(dns.asked.slice(before)).toEqual(["shop.example.com"]);
    await site.close();
  });

  it("does not follow a redirect to a private address, even where that address is allowed", async () => {
    const site = await startListener((res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/secret` }).end(),
    );
    const res = await platformClient(true).request({
      method: "GET",
      url: `http://shop.example.com:${site.port}/start`,
      priority: "catalog",
    });
    expect(res.status).toBe(302);
    expect(internal.connections()).toBe(0);
    // Nor does the guarded fetch, whatever its caller asks for.
    const direct = await guardedFetch({ allowPrivate: true, resolveHost: dns.resolveHost })(
      `http://shop.example.com:${site.port}/start`,
      { redirect: "follow" },
    );
    expect(direct.status).toBe(302);
    expect(internal.connections()).toBe(0);
    await site.close();
  });

  it("checks literal addresses at connect time too, not only in the URL check", async () => {
    const send = guardedFetch({ allowPrivate: false, resolveHost: dns.resolveHost });
    const error = await rejection(send(`http://127.0.0.1:${internal.port}/`));
    expect(String((error.cause as Error | undefined)?.message)).toContain("a loopback address");
    expect(internal.connections()).toBe(0);
  });
});

describe("SSRF: notification webhooks through the hub's API", () => {
  let hub: TestHub;
  let tenant: Tenant;
  let api: Api;
  beforeAll(async () => {
    hub = await startTestHub({ resolveHost: dns.resolveHost });
    tenant = await createTenant(hub, "SSRF shop");
    api = apiFor(hub.app, tenant);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it.each(literalTargets(0).map((url) => url.replace(":0/", ":8080/")))(
    "refuses to save the literal private webhook URL %s",
    async (url) => {
      const res = await api.post("/api/v1/notification-webhooks", { url: `${url}hook` });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "platform_url_not_allowed" });
    },
  );

  it("sends nothing to names that resolve inward and tells open from closed ports apart in no way", async () => {
    const targets = [
      `https://evil.example.com:${internal.port}/hook`,
      `https://evil.example.com:${await closedPort()}/hook`,
    ];
    const ids: string[] = [];
    for (const url of targets) {
      const created = await api.post("/api/v1/notification-webhooks", { url });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    await appendEvents(hub.ctx.db, [
      syncError.of({
        accountId: tenant.accountId,
        payload: {
          issueId: "ssrf-1",
          connectionId: "00000000-0000-4000-8000-00000000c0de",
          feedKind: "new-products",
          subjectType: "variant",
          subjectId: "ssrf-1",
          code: "missing_sku",
          message: "no SKU",
        },
      }),
    ]);
    await notifyOnce(hub.ctx);

    const list = await api.get("/api/v1/notifications");
    const errors = new Map<string, string[]>();
    for (const item of list.body.items as { id: string }[]) {
      const detail = await api.get(`/api/v1/notifications/${item.id}`);
      for (const d of detail.body.deliveries as { channel: string; recipient: string; lastError: string }[]) {
        if (d.channel !== "webhook" || !ids.includes(d.recipient)) continue;
        errors.set(d.recipient, [...(errors.get(d.recipient) ?? []), d.lastError]);
      }
    }
    const [open, closed] = ids.map((id) => errors.get(id) ?? []);
    expect(open?.length).toBeGreaterThan(0);
    expect(open).toEqual(closed);
    for (const message of open ?? []) {
      expect(message).toBe(
        "webhook: evil.example.com resolves to a loopback address, which outbound calls may not reach",
      );
    }
    expect(internal.connections()).toBe(0);
  });

  it("refuses a shop domain that resolves inward when a connection is created", async () => {
    const res = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Evil shop",
      credentials: { shopDomain: "evil-shop.myshopify.com", accessToken: "shpat_x", apiSecret: "s" },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.detail).toContain("evil-shop.myshopify.com resolves to a loopback address");
    expect(res.body.detail).not.toContain("127.0.0.1");
    expect(dns.asked).toContain("evil-shop.myshopify.com");
  });
});

describe("SSRF: what a failed webhook says", () => {
  const sandboxTarget = (url: string) => ({
    url,
    secret: "s",
    allowPrivate: true,
    resolveHost: dns.resolveHost,
  });

  it("reads the same for a closed port and a port that hangs up", async () => {
    const hangUp = await startListener((res) => res.socket?.destroy());
    const failures = await Promise.all(
      [`http://127.0.0.1:${await closedPort()}/h`, `http://127.0.0.1:${hangUp.port}/h`].map((url) =>
        rejection(postWebhook(sandboxTarget(url), "d-1", "{}")),
      ),
    );
    expect(failures.map((e) => e.message)).toEqual([
      "webhook: could not reach the host",
      "webhook: could not reach the host",
    ]);
    await hangUp.close();
  });

  it("does not follow a redirect to a private address", async () => {
    const site = await startListener((res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${internal.port}/secret` }).end(),
    );
    const error = await rejection(
      postWebhook(sandboxTarget(`http://shop.example.com:${site.port}/h`), "d-2", "{}"),
    );
    expect(error.message).toBe("webhook answered HTTP 307 (redirects are not followed)");
    expect(internal.connections()).toBe(0);
    await site.close();
  });
});
