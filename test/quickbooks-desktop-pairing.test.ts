import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFor } from "./helpers/api.ts";
import { createTenant } from "./helpers/hub.ts";
import { type DesktopHub, startDesktopHub } from "./helpers/quickbooks-desktop-session.ts";

/**
 * The Web Connector authenticates by user name and password alone, so a user name names one
 * Desktop connection across the whole hub: pairing or a credential change that would share one is
 * refused (409 web_connector_user_taken) and stores nothing.
 */
const USER = "shared-wc-user";
const PASSWORD = "first-desktop-password";

let f: DesktopHub;
beforeAll(async () => {
  f = await startDesktopHub({ username: USER, password: PASSWORD, skus: [] });
}, 120_000);
afterAll(() => f?.hub.close());

const desktopPairing = (name: string, username: string) => ({
  platform: "quickbooks-desktop",
  name,
  credentials: { username, password: "another-long-password" },
});

async function desktopConnections(api: DesktopHub["api"]) {
  const res = await api.get("/api/v1/connections");
  const list = (
    res.body as { items: { id: string; platform: string; credentials: Record<string, string> }[] }
  ).items;
  return list.filter((c) => c.platform === "quickbooks-desktop");
}

describe("one Web Connector user name per Desktop connection", () => {
  it("refuses pairing a taken user name in the same account, storing nothing", async () => {
    const res = await f.api.post("/api/v1/connections", desktopPairing("Second books", USER));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "web_connector_user_taken" });
    expect(JSON.stringify(res.body)).not.toContain("another-long-password");
    const left = await desktopConnections(f.api);
    expect(left.map((c) => c.id)).toEqual([f.desktop]);
  });

  it("refuses it in another account too, and pairs a free name there", async () => {
    const other = apiFor(f.hub.app, await createTenant(f.hub));
    const taken = await other.post("/api/v1/connections", desktopPairing("Their books", USER));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "web_connector_user_taken" });
    expect(await desktopConnections(other)).toEqual([]);

    const free = await other.post("/api/v1/connections", desktopPairing("Their books", "their-wc-user"));
    expect(free.status).toBe(201);
    expect(await desktopConnections(other)).toMatchObject([{ credentials: { username: "their-wc-user" } }]);
  });

  it("refuses a credential change to a taken name and keeps the old credentials", async () => {
    const other = apiFor(f.hub.app, await createTenant(f.hub));
    const paired = await other.post("/api/v1/connections", desktopPairing("Books", "third-wc-user"));
    expect(paired.status).toBe(201);
    const id = (paired.body as { id: string }).id;

    const res = await other.patch(`/api/v1/connections/${id}`, {
      credentials: { username: USER, password: "a-new-long-password" },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "web_connector_user_taken" });
    const after = await other.get(`/api/v1/connections/${id}`);
    expect(after.body).toMatchObject({ credentials: { username: "third-wc-user" } });

    // Keeping its own name with a new password is no conflict.
    const same = await other.patch(`/api/v1/connections/${id}`, {
      credentials: { username: "third-wc-user", password: "a-new-long-password" },
    });
    expect(same.status).toBe(200);
  });
});
