import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../test/helpers/hub.ts";
import { createApiToken, getUser } from "../modules/accounts/index.ts";
import { BODY_LIMIT_BYTES } from "./app.ts";

let hub: TestHub;
let owner: Tenant;
let member: { authorization: string };
beforeAll(async () => {
  hub = await startTestHub();
  owner = await createTenant(hub);
  const created = await hub.app.inject({
    method: "POST",
    url: "/api/v1/users",
    headers: owner.auth,
    payload: { email: `member-${Date.now()}@example.com`, password: "correct horse battery", role: "member" },
  });
  expect(created.statusCode, created.body).toBe(201);
  const user = await getUser(hub.ctx.db, owner.accountId, created.json().id);
  member = { authorization: `Bearer ${(await createApiToken(hub.ctx.db, user, "member")).token}` };
});
afterAll(() => hub?.close());

const json = { "content-type": "application/json" };

describe("authentication runs before the body is read", () => {
  it("answers 401 to a stranger's write without describing the body schema", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/api/v1/warehouses",
      headers: json,
      payload: { unexpected: true },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().code).toBe("unauthenticated");
    expect(res.body).not.toContain("name");
  });

  it("answers 401, not 413 or 400, to a stranger's oversized or malformed body", async () => {
    const oversized = await hub.app.inject({
      method: "POST",
      url: "/api/v1/products/import",
      headers: json,
      payload: `{"products":[${'"x",'.repeat(BODY_LIMIT_BYTES / 4)}"x"]}`,
    });
    expect(oversized.statusCode).toBe(401);
    const malformed = await hub.app.inject({
      method: "POST",
      url: "/api/v1/orders",
      headers: json,
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(401);
  });

  it("answers 401 to a bad bearer token before looking at the body", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/api/v1/warehouses",
      headers: { ...json, authorization: "Bearer swt_not-a-token" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("invalid_token");
  });

  it("refuses a member on an admin route with 403 before validating the body", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/api/v1/warehouses",
      headers: { ...json, ...member },
      payload: { unexpected: true },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("forbidden");
  });

  it("still validates the body of an authenticated caller and keeps 404 for unknown routes", async () => {
    const invalid = await hub.app.inject({
      method: "POST",
      url: "/api/v1/warehouses",
      headers: { ...json, ...owner.auth },
      payload: { unexpected: true },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe("invalid_request");
    const unknown = await hub.app.inject({
      method: "POST",
      url: "/api/v1/no-such-thing",
      headers: json,
      payload: "{not json",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("route_not_found");
  });

  it("keeps public routes public", async () => {
    const setup = await hub.app.inject({ url: "/api/v1/setup" });
    expect(setup.statusCode).toBe(200);
    const login = await hub.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: json,
      payload: { unexpected: true },
    });
    expect(login.statusCode).toBe(400);
  });
});
