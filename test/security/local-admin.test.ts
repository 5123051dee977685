import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY_HEADER, localAdminRoutes } from "../../src/http/local-admin.ts";
import { countUsers, getUserByEmail } from "../../src/modules/accounts/index.ts";
import { onPostgres } from "../helpers/database.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../helpers/hub.ts";

const KEY = "k".repeat(32);

/** Spellings of the two CLI routes that a decoding router matches but a raw-URL check misses. */
const tokenRoutes = [
  "/internal/cli/token-create",
  "/%69nternal/cli/token-create",
  "/internal/%63li/token-create",
  "/internal/cli/%74oken-create",
  "/INTERNAL/cli/token-create",
  "//internal/cli/token-create",
  "/internal/cli/token-create?x=1",
];
const userRoutes = [
  "/internal/cli/user-create",
  "/internal/%63li/user-create",
  "/%69nternal/%63li/user-create",
];

describe("the CLI's loopback admin routes", () => {
  let hub: TestHub;
  let owner: Tenant;
  let ownerEmail: string;

  beforeAll(async () => {
    hub = await startTestHub({ routes: [localAdminRoutes(KEY)] });
    owner = await createTenant(hub);
    const user = (await hub.app.inject({ url: "/api/v1/me", headers: owner.auth })).json() as {
      user: { email: string };
    };
    ownerEmail = user.user.email;
  });
  afterAll(() => hub.close());

  it.each([...tokenRoutes])("refuses %s without the key, creating nothing", async (url) => {
    const res = await hub.app.inject({ method: "POST", url, payload: { email: ownerEmail } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("swt_");
  });

  it.each([...userRoutes])("refuses user creation at %s without the key", async (url) => {
    const before = await countUsers(hub.ctx.db);
    const res = await hub.app.inject({
      method: "POST",
      url,
      payload: { account: "Attacker", email: "evil@example.com", password: "long enough password" },
    });
    expect(res.statusCode).toBe(404);
    expect(await countUsers(hub.ctx.db)).toBe(before);
    expect(await getUserByEmail(hub.ctx.db, "evil@example.com")).toBeUndefined();
  });

  it("refuses a wrong key of the same length and of another length", async () => {
    for (const key of ["j".repeat(32), "k".repeat(31), `${KEY}k`, ""]) {
      const res = await hub.app.inject({
        method: "POST",
        url: "/internal/cli/token-create",
        headers: { [ADMIN_KEY_HEADER]: key },
        payload: { email: ownerEmail },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it("refuses the right key from a peer that is not loopback, whatever X-Forwarded-For says", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/internal/cli/token-create",
      remoteAddress: "203.0.113.9",
      headers: { [ADMIN_KEY_HEADER]: KEY, "x-forwarded-for": "127.0.0.1" },
      payload: { email: ownerEmail },
    });
    expect(res.statusCode).toBe(404);
  });

  it.skipIf(onPostgres)("answers the CLI on the embedded engine: right key, loopback peer", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/internal/cli/token-create",
      headers: { [ADMIN_KEY_HEADER]: KEY },
      payload: { email: ownerEmail },
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { token: string }).token).toMatch(/^swt_/);
  });

  it.skipIf(!onPostgres)(
    "does not exist on PostgreSQL, where the CLI opens the database itself",
    async () => {
      const res = await hub.app.inject({
        method: "POST",
        url: "/internal/cli/token-create",
        headers: { [ADMIN_KEY_HEADER]: KEY },
        payload: { email: ownerEmail },
      });
      expect(res.statusCode).toBe(404);
      expect(hub.app.printRoutes()).not.toContain("token-create");
    },
  );
});
