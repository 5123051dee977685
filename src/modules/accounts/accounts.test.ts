import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { sessions } from "./schema.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const json = { "content-type": "application/json" };
function cookieFrom(setCookie: string | string[] | undefined): string {
  const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  return raw.split(";")[0]!;
}

describe("first-run setup and sessions", () => {
  it("offers setup while no user exists, then refuses a second setup", async () => {
    expect((await hub.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needed: true });
    const created = await hub.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      headers: json,
      payload: { accountName: "First Shop", email: "first@example.com", password: "a long password" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers["set-cookie"]).toMatch(/sw_session=.*HttpOnly.*SameSite=Lax/i);
    expect((await hub.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needed: false });
    const again = await hub.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      headers: json,
      payload: { accountName: "Other", email: "other@example.com", password: "a long password" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("setup_done");
  });

  it("signs in, reads /me with the cookie, and needs the CSRF token for writes", async () => {
    const login = await hub.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: json,
      payload: { email: "FIRST@example.com", password: "a long password" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = cookieFrom(login.headers["set-cookie"]);
    const { csrfToken } = login.json();
    const me = await hub.app.inject({ url: "/api/v1/me", headers: { cookie } });
    expect(me.json()).toMatchObject({ via: "session", user: { email: "first@example.com", role: "owner" } });

    const noCsrf = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { cookie, ...json },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe("csrf_failed");
    const withCsrf = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { cookie, "x-csrf-token": csrfToken, ...json },
      payload: { name: "from the browser" },
    });
    expect(withCsrf.statusCode).toBe(201);

    const logout = await hub.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await hub.app.inject({ url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("rejects an expired session", async () => {
    const login = await hub.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: json,
      payload: { email: "first@example.com", password: "a long password" },
    });
    const cookie = cookieFrom(login.headers["set-cookie"]);
    await hub.ctx.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.csrfToken, login.json().csrfToken));
    const me = await hub.app.inject({ url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers wrong credentials with 401 and rate-limits repeated attempts", async () => {
    const attempt = () =>
      hub.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: json,
        payload: { email: "victim@example.com", password: "guess" },
      });
    const first = await attempt();
    expect(first.statusCode).toBe(401);
    expect(first.json().code).toBe("invalid_credentials");
    let last = first;
    for (let i = 0; i < 10; i++) last = await attempt();
    expect(last.statusCode).toBe(429);
    expect(last.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("API tokens", () => {
  it("creates a token shown once, lists it without the secret, and revokes it", async () => {
    const tenant = await createTenant(hub);
    const created = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...tenant.auth, ...json },
      payload: { name: "script" },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^swt_/);

    const me = await hub.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ via: "token", account: { id: tenant.accountId } });

    const list = await hub.app.inject({ url: "/api/v1/tokens", headers: tenant.auth });
    expect(list.body).not.toContain(token);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(id);

    expect(
      (await hub.app.inject({ method: "DELETE", url: `/api/v1/tokens/${id}`, headers: tenant.auth }))
        .statusCode,
    ).toBe(204);
    const revoked = await hub.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe("invalid_token");
  });

  it("answers 401 without credentials and for a malformed Authorization header", async () => {
    expect((await hub.app.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
    const odd = await hub.app.inject({ url: "/api/v1/me", headers: { authorization: "Basic abc" } });
    expect(odd.statusCode).toBe(401);
    expect(odd.json().code).toBe("invalid_authorization");
  });
});

describe("bad input", () => {
  it("answers malformed JSON with a 400 problem and creates nothing", async () => {
    const tenant = await createTenant(hub);
    const res = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...tenant.auth, ...json },
      payload: "{bad",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 400, code: "malformed_json" });
    expect((await hub.app.inject({ url: "/api/v1/tokens", headers: tenant.auth })).json().items).toHaveLength(
      1,
    );
  });

  it("rejects wrong types and unknown fields with the field named", async () => {
    const tenant = await createTenant(hub);
    const wrongType = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...tenant.auth, ...json },
      payload: { name: 5 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().detail).toContain("name");
    const unknown = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...tenant.auth, ...json },
      payload: { name: "x", admin: true },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("refuses oversized bodies with 413", async () => {
    const tenant = await createTenant(hub);
    const res = await hub.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...tenant.auth, ...json },
      payload: JSON.stringify({ name: "x".repeat(6 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("body_too_large");
  });

  it("never shows a stack trace for an unknown route", async () => {
    const res = await hub.app.inject({ url: "/api/v1/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("at ");
  });
});

describe("users and roles", () => {
  it("lets an owner add a member, and refuses a member adding users", async () => {
    const tenant = await createTenant(hub);
    const add = await hub.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { ...tenant.auth, ...json },
      payload: { email: `member-${Date.now()}@example.com`, password: "member password", role: "member" },
    });
    expect(add.statusCode).toBe(201);
    const login = await hub.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: json,
      payload: { email: add.json().email, password: "member password" },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = cookieFrom(login.headers["set-cookie"]);
    const denied = await hub.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { cookie, "x-csrf-token": login.json().csrfToken, ...json },
      payload: { email: "x@example.com", password: "member password" },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("refuses a duplicate e-mail and a short password", async () => {
    const tenant = await createTenant(hub);
    const short = await hub.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { ...tenant.auth, ...json },
      payload: { email: "s@example.com", password: "short" },
    });
    expect(short.statusCode).toBe(400);
    const dup = await hub.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { ...tenant.auth, ...json },
      payload: { email: "First@Example.com", password: "long enough pw" },
    });
    expect(dup.statusCode).toBe(409);
  });
});
