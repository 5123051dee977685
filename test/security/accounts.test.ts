import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/engine.ts";
import type { RouteRegistrar } from "../../src/http/app.ts";
import { type Hub, startHub } from "../../src/hub.ts";
import { createLogger } from "../../src/logger.ts";
import { createAccountWithOwner, createApiToken, createUser } from "../../src/modules/accounts/index.ts";
import type { UserRole } from "../../src/modules/accounts/schema.ts";
import { users } from "../../src/modules/accounts/schema.ts";
import { apiFor } from "../helpers/api.ts";
import { freshDatabase } from "../helpers/database.ts";
import { createTenant, startTestHub, TEST_SECRET, type Tenant, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

let people = 0;
/** A user of the tenant's account with the given role, and an API token of theirs. */
async function colleague(tenant: Tenant, role: UserRole): Promise<Tenant> {
  const user = await createUser(hub.ctx.db, tenant.accountId, {
    email: `${role}${++people}@colleagues.example`,
    password: "a long password",
    role,
  });
  const { token } = await createApiToken(hub.ctx.db, user, `${role}'s token`);
  return { accountId: tenant.accountId, userId: user.id, token, auth: { authorization: `Bearer ${token}` } };
}

const tokenIds = (body: { items: { id: string }[] }) => body.items.map((t) => t.id);

describe("API tokens by role", () => {
  it("shows a member only their own tokens and answers 404 to revoking the owner's", async () => {
    const owner = await createTenant(hub);
    const member = await colleague(owner, "member");
    const ownerTokens = tokenIds((await apiFor(hub.app, owner).get("/api/v1/tokens")).body);
    expect(ownerTokens).toHaveLength(2);
    const memberApi = apiFor(hub.app, member);

    const listed = await memberApi.get("/api/v1/tokens");
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ userId: member.userId });
    for (const id of ownerTokens.filter((id) => id !== listed.body.items[0].id)) {
      expect(listed.body.items.map((t: { id: string }) => t.id)).not.toContain(id);
      const revoke = await memberApi.delete(`/api/v1/tokens/${id}`);
      expect(revoke.status).toBe(404);
      expect(revoke.body.code).toBe("token_not_found");
    }
    expect((await apiFor(hub.app, owner).get("/api/v1/me")).status).toBe(200);

    expect((await memberApi.delete(`/api/v1/tokens/${listed.body.items[0].id}`)).status).toBe(204);
    expect((await memberApi.get("/api/v1/me")).status).toBe(401);
  });

  it("lets admins and owners list and revoke other users' tokens of their account", async () => {
    const owner = await createTenant(hub);
    const admin = await colleague(owner, "admin");
    const member = await colleague(owner, "member");
    const adminApi = apiFor(hub.app, admin);

    const seen = (await adminApi.get("/api/v1/tokens")).body.items as { id: string; userId: string }[];
    expect(new Set(seen.map((t) => t.userId))).toEqual(new Set([owner.userId, admin.userId, member.userId]));
    const memberToken = seen.find((t) => t.userId === member.userId)!;
    expect((await adminApi.delete(`/api/v1/tokens/${memberToken.id}`)).status).toBe(204);
    expect((await apiFor(hub.app, member).get("/api/v1/me")).status).toBe(401);

    const adminToken = seen.find((t) => t.userId === admin.userId)!;
    expect((await apiFor(hub.app, owner).delete(`/api/v1/tokens/${adminToken.id}`)).status).toBe(204);
    expect((await adminApi.get("/api/v1/me")).status).toBe(401);
    expect((await apiFor(hub.app, owner).get("/api/v1/me")).status).toBe(200);
  });
});

describe("adding users", () => {
  it("answers concurrent adds of one e-mail with exactly one 201 and the rest 409", async () => {
    const owner = await createTenant(hub);
    for (let round = 0; round < 3; round++) {
      const email = `race${round}@concurrent.example`;
      const spellings = [email, email.toUpperCase(), ` ${email}`, email];
      const answers = await Promise.all(
        spellings.map((e) =>
          apiFor(hub.app, owner).post("/api/v1/users", { email: e, password: "a long password" }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe("email_taken");
      const rows = await hub.ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
      expect(rows).toHaveLength(1);
    }
  });

  it("answers an e-mail of another account exactly as one of the caller's own", async () => {
    const other = await createTenant(hub);
    const otherEmail = "someone@other-account.example";
    await createUser(hub.ctx.db, other.accountId, {
      email: otherEmail,
      password: "a long password",
      role: "member",
    });
    const caller = await createTenant(hub);
    const ownEmail = "someone@own-account.example";
    const api = apiFor(hub.app, caller);
    expect((await api.post("/api/v1/users", { email: ownEmail, password: "a long password" })).status).toBe(
      201,
    );

    const own = await api.post("/api/v1/users", { email: ownEmail, password: "a long password" });
    const foreign = await api.post("/api/v1/users", { email: otherEmail, password: "a long password" });
    expect(foreign.status).toBe(own.status);
    expect(JSON.stringify(foreign.body).replaceAll(otherEmail, "E")).toBe(
      JSON.stringify(own.body).replaceAll(ownEmail, "E"),
    );
    expect(JSON.stringify(foreign.body)).not.toContain(other.accountId);
  });

  it("stops answering whether e-mails exist after a few conflicts an hour, for any e-mail", async () => {
    const owner = await createTenant(hub);
    const api = apiFor(hub.app, owner);
    const probe = (email: string) => api.post("/api/v1/users", { email, password: "a long password" });
    await createAccountWithOwner(hub.ctx, {
      accountName: "Probed",
      email: "probed@enumeration.example",
      password: "a long password",
    });
    for (let i = 0; i < 10; i++) expect((await probe("probed@enumeration.example")).status).toBe(409);
    for (const email of ["probed@enumeration.example", "fresh@enumeration.example"]) {
      const refused = await probe(email);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe("rate_limited");
    }
  });
});

describe("error logs", () => {
  const SECRET_HASH = "scrypt$32768$8$1$c2FsdHNhbHQ=$bm90LWEtcmVhbC1oYXNoLWJ1dC1zZWNyZXQ=";
  let lines: string[];
  let database: Database;
  let logged: Hub;
  let app: FastifyInstance;
  let victim: { accountId: string; email: string };

  // A write that fails the way a bug would: the real error handler logs it.
  const failingInsert: RouteRegistrar = (root, ctx) =>
    root.post("/test/failing-insert", { config: { public: true } }, async () => {
      await ctx.db.insert(users).values({
        accountId: victim.accountId,
        email: victim.email,
        role: "owner",
        passwordHash: SECRET_HASH,
      });
      return {};
    });

  beforeAll(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    database = await freshDatabase();
    logged = await startHub({
      config: loadConfig({ STOCKWIRE_SECRET: TEST_SECRET, LOG_LEVEL: "info" }),
      logger: createLogger("info", sink),
      http: true,
      work: false,
      database,
      routes: [failingInsert],
    });
    app = logged.app!;
    const email = "logged@example.com";
    const { accountId } = await createAccountWithOwner(logged.ctx, {
      accountName: "Logged",
      email,
      password: "a long password",
    });
    victim = { accountId, email };
  });
  afterAll(async () => {
    await logged?.stop();
    await database?.close();
  });

  it("logs a failed insert's reason without its statement parameters", async () => {
    const res = await app.inject({ method: "POST", url: "/test/failing-insert" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("users_email_key");
    const failure = lines.find((l) => l.includes("request failed"));
    expect(failure, lines.join("")).toBeDefined();
    expect(failure).toContain("users_email_key");
    for (const value of [SECRET_HASH, "bm90LWEtcmVhbC1oYXNo", victim.email, victim.accountId]) {
      expect(lines.join("")).not.toContain(value);
    }
  });
});
