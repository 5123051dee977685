import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startHub } from "../../src/hub.ts";
import { createLogger } from "../../src/logger.ts";
import {
  createAccountWithOwner,
  deleteExpiredAttemptCounters,
  passwordWork,
} from "../../src/modules/accounts/index.ts";
import { attemptCounters } from "../../src/modules/accounts/schema.ts";
import { startTestHub, TEST_SECRET, type TestHub } from "../helpers/hub.ts";

/**
 * Sign-in limits as an attacker meets them: the per-e-mail limit (10 failures in 15 minutes)
 * and the per-address limit (30 failed password checks in 15 minutes, sign-in and setup alike).
 * Every test sends from its own documentation-range address, so their budgets do not mix.
 */
const PASSWORD = "correct horse battery";
const PER_EMAIL = 10;
const PER_ADDRESS = 30;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

let users = 0;
async function createUser(): Promise<string> {
  const email = `user${++users}@limits.example`;
  await createAccountWithOwner(hub.ctx, { accountName: `Limits ${users}`, email, password: PASSWORD });
  return email;
}

function login(
  email: string,
  password: string,
  from: { remoteAddress: string; headers?: Record<string, string> },
  app = hub.app,
) {
  return app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    remoteAddress: from.remoteAddress,
    headers: { "content-type": "application/json", ...from.headers },
    payload: { email, password },
  });
}

function expectRateLimited(res: Awaited<ReturnType<typeof login>>, maxSeconds: number) {
  expect(res.statusCode, res.body).toBe(429);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.json()).toMatchObject({ status: 429, code: "rate_limited" });
  const retryAfter = Number(res.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe("sign-in limits", () => {
  it("ignores X-Forwarded-For from a client that is not a configured proxy", async () => {
    const from = "198.51.100.1";
    for (let i = 0; i < PER_ADDRESS; i++) {
      const res = await login(`nobody${i}@spoof.example`, "guess", {
        remoteAddress: from,
        headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const spoofed = await login("nobody-else@spoof.example", "guess", {
      remoteAddress: from,
      headers: { "x-forwarded-for": "192.0.2.250" },
    });
    expectRateLimited(spoofed, 15 * 60);
    const elsewhere = await login("nobody-else@spoof.example", "guess", { remoteAddress: "198.51.100.2" });
    expect(elsewhere.statusCode).toBe(401);
  });

  it("counts an e-mail with spaces or other case against the same e-mail, from any address", async () => {
    const email = await createUser();
    const spellings = [email, ` ${email}`, email.toUpperCase(), `\t${email}  `, `  ${email.toUpperCase()}`];
    for (let i = 0; i < PER_EMAIL; i++) {
      const res = await login(spellings[i % spellings.length]!, "wrong guess", {
        remoteAddress: `198.51.100.${10 + i}`,
      });
      expect(res.statusCode).toBe(401);
    }
    // Locked even with the right password, so guessing cannot go on at a lower rate per address.
    expectRateLimited(await login(`   ${email}`, PASSWORD, { remoteAddress: "198.51.100.40" }), 15 * 60);
  });

  it("answers 429 with Retry-After to one address spraying a password over many e-mails", async () => {
    const from = "198.51.100.50";
    const emails = await Promise.all([createUser(), createUser(), createUser()]);
    for (let i = 0; i < PER_ADDRESS; i++) {
      const email = i < emails.length ? emails[i]! : `sprayed${i}@spray.example`;
      expect((await login(email, "Summer2024!", { remoteAddress: from })).statusCode).toBe(401);
    }
    expectRateLimited(await login("one-more@spray.example", "Summer2024!", { remoteAddress: from }), 15 * 60);
  });

  it("treats every address of one IPv6 /64 as one client", async () => {
    const v6 = "2001:db8:7:7::";
    for (let i = 0; i < PER_ADDRESS; i++) {
      await login(`v6-${i}@spray.example`, "Summer2024!", { remoteAddress: `${v6}${(i + 1).toString(16)}` });
    }
    expectRateLimited(
      await login("v6@spray.example", "Summer2024!", { remoteAddress: `${v6}ffff` }),
      15 * 60,
    );
  });

  it("does not count successful sign-ins against the address", async () => {
    const from = "198.51.100.60";
    const email = await createUser();
    for (let i = 0; i < PER_ADDRESS - 1; i++) {
      expect((await login(`miss${i}@office.example`, "guess", { remoteAddress: from })).statusCode).toBe(401);
    }
    for (let i = 0; i < 3; i++) {
      expect((await login(email, PASSWORD, { remoteAddress: from })).statusCode).toBe(200);
    }
    expect((await login("last-miss@office.example", "guess", { remoteAddress: from })).statusCode).toBe(401);
    expectRateLimited(await login(email, PASSWORD, { remoteAddress: from }), 15 * 60);
  });

  it("counts refused setups against the same per-address limit", async () => {
    const from = "198.51.100.70";
    for (let i = 0; i < PER_ADDRESS - 5; i++) {
      expect((await login(`setup-miss${i}@setup.example`, "guess", { remoteAddress: from })).statusCode).toBe(
        401,
      );
    }
    const setup = () =>
      hub.app.inject({
        method: "POST",
        url: "/api/v1/setup",
        remoteAddress: from,
        headers: { "content-type": "application/json" },
        payload: { accountName: "Takeover", email: "root@setup.example", password: "a long password" },
      });
    for (let i = 0; i < 5; i++) expect((await setup()).statusCode).toBe(409);
    expectRateLimited(await setup(), 15 * 60);
  });

  it("turns a sign-in away quickly with 503 when every password slot is busy, without counting it", async () => {
    const email = await createUser();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: 20 }, () => passwordWork.execute(() => held));
    try {
      // More turned-away attempts than the e-mail's limit: none of them made a guess.
      // Every slot stays held until release(): an answer at all means the sign-in was turned
      // away rather than queued, with no clock to read on a loaded machine.
      for (let i = 0; i <= PER_EMAIL; i++) {
        const busy = await login(email, "wrong guess", { remoteAddress: "198.51.100.80" });
        expect(busy.statusCode, busy.body).toBe(503);
        expect(busy.json()).toMatchObject({ code: "busy" });
        expect(Number(busy.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      }
    } finally {
      release();
      await Promise.all(holders);
    }
    expect((await login(email, PASSWORD, { remoteAddress: "198.51.100.80" })).statusCode).toBe(200);
  });
});

describe("shared and swept counters", () => {
  it("shares the counters with another hub process on the same database", async () => {
    const other = await startHub({
      config: loadConfig({ STOCKWIRE_SECRET: TEST_SECRET, LOG_LEVEL: "silent" }),
      logger: createLogger("silent"),
      http: true,
      work: false,
      database: hub.database,
    });
    try {
      const email = await createUser();
      for (let i = 0; i < PER_EMAIL; i++) {
        const app = i % 2 === 0 ? hub.app : other.app!;
        expect((await login(email, "guess", { remoteAddress: `198.51.100.${90 + i}` }, app)).statusCode).toBe(
          401,
        );
      }
      expectRateLimited(
        await login(email, PASSWORD, { remoteAddress: "198.51.100.110" }, other.app!),
        15 * 60,
      );
      expectRateLimited(await login(email, PASSWORD, { remoteAddress: "198.51.100.111" }), 15 * 60);
    } finally {
      await other.stop();
    }
  });

  it("sweeps counters whose window has ended, which lifts the limit", async () => {
    const email = await createUser();
    for (let i = 0; i < PER_EMAIL; i++) await login(email, "guess", { remoteAddress: "198.51.100.120" });
    expectRateLimited(await login(email, PASSWORD, { remoteAddress: "198.51.100.121" }), 15 * 60);
    await hub.ctx.db.update(attemptCounters).set({ resetAt: sql`now() - interval '1 second'` });
    expect(await deleteExpiredAttemptCounters(hub.ctx.db)).toBeGreaterThan(0);
    expect(await hub.ctx.db.select().from(attemptCounters)).toEqual([]);
    expect((await login(email, PASSWORD, { remoteAddress: "198.51.100.121" })).statusCode).toBe(200);
  });
});

describe("TRUST_PROXY", () => {
  let proxied: TestHub;
  beforeAll(async () => {
    // inject's peer is 127.0.0.1: the configured proxy.
    proxied = await startTestHub({ env: { TRUST_PROXY: "127.0.0.1" } });
  });
  afterAll(() => proxied?.close());

  it("takes the client address from a configured proxy's X-Forwarded-For", async () => {
    const via = (client: string, i: number) =>
      login(
        `proxied${i}@proxy.example`,
        "guess",
        { remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": client } },
        proxied.app,
      );
    for (let i = 0; i < PER_ADDRESS; i++) expect((await via("203.0.113.9", i)).statusCode).toBe(401);
    expectRateLimited(await via("203.0.113.9", 99), 15 * 60);
    expect((await via("203.0.113.10", 100)).statusCode).toBe(401);
  });
});
