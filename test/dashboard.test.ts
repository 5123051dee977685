import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { createAccountWithOwner, createApiToken, getUser } from "../src/modules/accounts/index.ts";
import { hasChromium, launchBrowser, type TestBrowser } from "./helpers/browser.ts";
import { startTestHub, type TestHub } from "./helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "./helpers/test-connector.ts";

const EMAIL = "owner@corner.example";
const PASSWORD = "correct horse battery";

let hub: TestHub;
let base: string;
let orderId: string;

async function call<T>(method: "GET" | "POST", url: string, auth: string, payload?: unknown): Promise<T> {
  const response = await hub.app.inject({
    method,
    url,
    headers: { authorization: auth },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
}

beforeAll(async () => {
  // The hub serves web/dist; build it when a fresh clone has none (a no-op otherwise).
  execFileSync(process.execPath, ["web/build-if-missing.mjs"], { stdio: "inherit" });
  const platform = createTestPlatform();
  hub = await startTestHub({
    work: true,
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  });
  await hub.app.listen({ port: 0, host: "127.0.0.1" });
  const address = hub.app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  base = `http://127.0.0.1:${address.port}`;

  const { accountId, userId } = await createAccountWithOwner(hub.ctx, {
    accountName: "Corner Shop",
    email: EMAIL,
    password: PASSWORD,
  });
  const { token } = await createApiToken(hub.ctx.db, await getUser(hub.ctx.db, accountId, userId), "seed");
  const auth = `Bearer ${token}`;
  await call("POST", "/api/v1/products/import", auth, {
    products: [
      {
        sku: "MUG-RED",
        name: "Red mug",
        price: "12.50",
        currency: "EUR",
        quantity: 40,
        lowStockThreshold: 5,
      },
      {
        sku: "MUG-BLUE",
        name: "Blue mug",
        price: "12.50",
        currency: "EUR",
        quantity: 3,
        lowStockThreshold: 5,
      },
      { sku: "TEE-S", name: "T-shirt S", price: "20", currency: "EUR", quantity: 0 },
    ],
  });
  const backroom = await call<{ id: string }>("POST", "/api/v1/warehouses", auth, { name: "Backroom" });
  await call("POST", "/api/v1/stock/adjustments", auth, {
    sku: "MUG-RED",
    warehouseId: backroom.id,
    delta: 7,
    reason: "adjustment",
    idempotencyKey: "seed-backroom",
  });
  const order = await call<{ orderId: string }>("POST", "/api/v1/orders", auth, {
    platformOrderId: "1001",
    orderNumber: "#1001",
    placedAt: "2026-01-05T10:00:00Z",
    currency: "EUR",
    lines: [{ sku: "MUG-RED", name: "Red mug", quantity: 2, unitPriceMinor: 1250 }],
    customer: { name: "Ada Lovelace", email: "ada@example.com" },
  });
  orderId = order.orderId;
  await call("POST", `/api/v1/orders/${orderId}/shipments`, auth, {
    carrier: "DHL",
    trackingNumber: "TRACK-42",
    lines: [{ sku: "MUG-RED", quantity: 1 }],
  });
  await call("POST", `/api/v1/orders/${orderId}/refunds`, auth, {
    currency: "EUR",
    amountMinor: 1250,
    reason: "arrived broken",
    lines: [{ sku: "MUG-RED", quantity: 1, restock: false }],
  });
  // The refund raises a notification once the notifier (a worker) has read the event.
  const deadline = Date.now() + 20_000;
  while ((await call<{ unread: number }>("GET", "/api/v1/notifications/unread-count", auth)).unread === 0) {
    if (Date.now() > deadline) throw new Error("the refund notification never appeared");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await call("POST", "/api/v1/connections", auth, {
    platform: "test",
    name: "Test store",
    credentials: { token: platform.token },
    onboarding: false,
  });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe("dashboard serving", () => {
  it("serves the app for dashboard paths and keeps server paths' own 404s", async () => {
    const page = await hub.app.inject({ url: "/orders/some-id" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<div id="root">');

    const api = await hub.app.inject({ url: "/api/v1/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: "route_not_found" });
    expect((await hub.app.inject({ url: "/assets/missing.js" })).statusCode).toBe(404);
    expect((await hub.app.inject({ url: "/healthz" })).json()).toMatchObject({ status: "ok" });
  });
});

if (!hasChromium)
  console.warn("dashboard browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)");

describe.skipIf(!hasChromium)("dashboard in Chromium", () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => console.error("page error:", error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("signs in and shows connections and feed runs on the home page", async () => {
    await page.goto(base);
    await page.getByLabel("E-mail").fill(EMAIL);
    await page.getByLabel("Password").fill("wrong password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/\S/);

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Home" }).waitFor();
    await page.getByText("Test store").waitFor();
    await page.getByText("0 waiting to send").waitFor();
    await page.getByRole("heading", { name: "Recent feed runs" }).waitFor();
    mkdirSync("docs/screenshots", { recursive: true });
    await page.screenshot({ path: "docs/screenshots/dashboard-home.png" });
  });

  it("searches products and shows stock per warehouse", async () => {
    await page.getByRole("link", { name: "Products & stock" }).click();
    await page.getByRole("link", { name: "MUG-BLUE" }).waitFor();
    await page.getByLabel("Search products", { exact: true }).last().fill("MUG-RED");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "MUG-BLUE" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "MUG-RED" }).click();

    const stock = page.getByRole("table", { name: "Stock per warehouse" });
    await stock.getByRole("row", { name: /Backroom/ }).waitFor();
    const cells = (name: RegExp) => stock.getByRole("row", { name }).getByRole("cell").allTextContents();
    // 40 imported, 2 ordered: one shipped (on hand 39), one refunded without restock (reservation released).
    expect(await cells(/Default/)).toEqual(["Default", "39", "0", "39"]);
    expect(await cells(/Backroom/)).toEqual(["Backroom", "7", "0", "7"]);
  });

  it("lists orders and shows an order with its lines and shipments", async () => {
    await page.getByRole("link", { name: "Orders" }).click();
    await page.getByLabel("Order status").selectOption("shipped");
    await page.getByText("No orders.").waitFor();
    await page.getByLabel("Order status").selectOption("");
    await page.getByRole("link", { name: "#1001" }).click();
    await page.getByRole("heading", { name: "Order #1001" }).waitFor();
    expect(await page.getByRole("table", { name: "Order lines" }).textContent()).toContain("MUG-RED");
    await page.getByText(/DHL TRACK-42/).waitFor();
    await page.getByText(/arrived broken/).waitFor();
    expect(page.url()).toBe(`${base}/orders/${orderId}`);
  });

  it("opens the bell, shows the latest notification and marks all as read", async () => {
    const bell = page.getByRole("button", { name: /^Notifications/ });
    expect(await bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await bell.click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await panel.getByText("Customer has initiated refund request for Product #MUG-RED").waitFor();
    await panel.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
  });

  it("switches a connection to shadow after a confirmation saying what changes", async () => {
    await page.getByRole("link", { name: "Connections" }).click();
    await page.getByRole("link", { name: "Test store" }).click();
    await page.getByRole("button", { name: "shadow", exact: true }).click();
    await page
      .getByRole("alertdialog")
      .getByText(/recorded as previews/)
      .waitFor();
    await page.getByRole("button", { name: "Switch to shadow" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    const shadow = page.getByRole("button", { name: "shadow", exact: true });
    await expect.poll(() => shadow.getAttribute("aria-pressed")).toBe("true");
  });
});
