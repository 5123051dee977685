import { mkdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { hasChromium, launchBrowser, type TestBrowser } from "./helpers/browser.ts";
import { type DashboardHub, startDashboardHub } from "./helpers/dashboard-hub.ts";
import type { TestHub } from "./helpers/hub.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
  testOrder,
} from "./helpers/test-connector.ts";
import { until } from "./helpers/until.ts";

/**
 * The sync screens in Chromium: feed schedules and Run now, shadow mode and its previews, the sync
 * log with filters and replay, and the home page's health tiles and sales chart.
 */
const EMAIL = "owner@sync.example";
const PASSWORD = "correct horse battery";
const DAY = 86_400_000;

let hub: TestHub;
let base: string;
let storeId: string;

let call: DashboardHub["call"];

beforeAll(async () => {
  const platform = createTestPlatform();
  addTestProduct(platform, "MUG-RED", 12, { name: "Red mug" });
  addTestProduct(platform, "MUG-BLUE", 3, { name: "Blue mug" });
  testOrder(platform, "5002", [{ sku: "GHOST-1", quantity: 1 }]);
  ({ hub, base, call } = await startDashboardHub({
    accountName: "Sync Shop",
    email: EMAIL,
    password: PASSWORD,
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  }));
  await call("POST", "/api/v1/products/import", {
    products: [
      { sku: "MUG-RED", name: "Red mug", price: "12.50", currency: "EUR", quantity: 400 },
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
  const store = await call<{ id: string }>("POST", "/api/v1/connections", {
    platform: "test",
    name: "Corner store",
    credentials: { token: platform.token },
    onboarding: false,
  });
  storeId = store.id;
  // Two weeks of sales on the store and through the API, for the chart.
  for (let d = 0; d < 14; d++) {
    const placedAt = new Date(Date.now() - d * DAY).toISOString();
    for (const [connectionId, n] of [
      [storeId, (d % 4) + 1],
      [null, d % 3],
    ] as const) {
      for (let i = 0; i < n; i++)
        await call("POST", "/api/v1/orders", {
          ...(connectionId ? { connectionId } : {}),
          platformOrderId: `hist-${connectionId ? "s" : "a"}-${d}-${i}`,
          placedAt,
          currency: "EUR",
          lines: [{ sku: "MUG-RED", quantity: 1, unitPriceMinor: 1250 + 500 * i }],
        });
    }
  }
}, 180_000);

afterAll(async () => {
  await hub?.close();
});

if (!hasChromium)
  console.warn("dashboard browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)");

describe.skipIf(!hasChromium)("sync screens in Chromium", () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => console.error("page error:", error.message));
    mkdirSync("docs/screenshots", { recursive: true });
    await page.goto(base);
    await page.getByLabel("E-mail").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Home" }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });
  const tab = (name: string) =>
    page.getByRole("navigation", { name: "Connection sections" }).getByRole("link", { name, exact: true });

  it("edits a feed schedule with its reading in words, refuses a bad one, and runs the feed now", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
    await page.getByRole("link", { name: "Corner store" }).click();
    const row = page.getByRole("row", { name: "New products" });
    const schedule = row.getByLabel("Schedule of New products");
    const preview = row.getByTestId("cron-preview");

    await schedule.fill("every day");
    await preview.getByText(/Not a schedule Stockwire understands/).waitFor();
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row.getByRole("alert").textContent()).toMatch(/not a valid cron expression/);

    await schedule.fill("15 */2 * * *");
    await preview.getByText("At 15 minutes past the hour, every 2 hours").waitFor();
    expect(await preview.textContent()).toMatch(/Next \(UTC\):/);
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("status").getByText("Schedule saved").waitFor();
    const feeds = await call<{ items: { kind: string; cron: string | null; nextRunAt: string }[] }>(
      "GET",
      `/api/v1/connections/${storeId}/feeds`,
    );
    const saved = feeds.items.find((f) => f.kind === "new-products")!;
    expect(saved.cron).toBe("15 */2 * * *");
    expect(new Date(saved.nextRunAt).getUTCMinutes()).toBe(15);

    await row.getByRole("button", { name: "Run now" }).click();
    await row.getByText("succeeded").waitFor({ timeout: 30_000 });
    await row.getByRole("button", { name: "Run now" }).waitFor();

    await tab("Feed executions").click();
    const runs = page.getByRole("table", { name: "Feed executions" });
    const run = runs.getByRole("row").filter({ hasText: "New products" }).filter({ hasText: "manual" });
    await run.waitFor();
    await run.getByRole("button", { name: "Details of New products run" }).click();
    await runs.getByText(/Imported: \d+ · New: \d+ · Updated: \d+/).waitFor();

    await page.getByLabel("Run status").selectOption("failed");
    await page.getByText("No feed execution matches.").waitFor();
    await page.getByLabel("Run status").selectOption("");
    await run.waitFor();

    // An outbound feed of a test-mode connection is blocked; the advice comes from its errorCode.
    await call("POST", `/api/v1/connections/${storeId}/feeds/stock-export/run`, {});
    await until("the stock export run is blocked", async () => {
      const list = await call<{ items: { status: string }[] }>(
        "GET",
        `/api/v1/feed-runs?connectionId=${storeId}&feed=stock-export`,
      );
      return list.items[0]?.status === "blocked";
    });
    await page.getByRole("button", { name: "Refresh" }).click();
    const blocked = runs.getByRole("row").filter({ hasText: "Stock export" });
    await blocked.getByRole("button", { name: "Details of Stock export run" }).click();
    await runs.getByText("Outbound feeds only send in live mode (or preview in shadow mode).").waitFor();
  });

  it("switches to shadow after saying what changes, then shows what would have been sent", async () => {
    await tab("Feeds").click();
    await page.getByRole("button", { name: "shadow", exact: true }).click();
    await page
      .getByRole("alertdialog")
      .getByText(/Nothing is sent to Corner store/)
      .waitFor();
    await page.getByRole("button", { name: "Switch to shadow" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await expect
      .poll(() => page.getByRole("button", { name: "shadow", exact: true }).getAttribute("aria-pressed"))
      .toBe("true");

    // A stock change queues a push; in shadow mode the drain records it as a preview instead.
    await call("POST", "/api/v1/stock/adjustments", {
      sku: "MUG-RED",
      delta: -2,
      idempotencyKey: "shadow-1",
    });
    await page.getByRole("link", { name: "See what would be sent" }).click();
    const previews = page.getByRole("table", { name: "Shadow previews" });
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Refresh" }).click();
          return previews.getByText(/would set SKU MUG-RED to \d+ on Corner store/).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);

    await tab("Feeds").click();
    await page.getByRole("row", { name: "New products" }).getByText("succeeded").waitFor();
    await page.screenshot({ path: "docs/screenshots/connection.png", fullPage: true });
  });

  it("saves the connection's order, inventory-notification and notification settings", async () => {
    await tab("Order settings").click();
    const orders = page.getByRole("form", { name: "Order settings" });
    await orders.getByLabel("One sale per order").check();
    await orders.getByRole("button", { name: "Update" }).click();
    await orders.getByRole("status").getByText("Saved.").waitFor();
    expect(await call("GET", `/api/v1/connections/${storeId}/order-settings`)).toMatchObject({
      postingMode: "individual",
    });

    await tab("Inventory notifications").click();
    const stock = page.getByRole("form", { name: "Inventory notifications" });
    await stock.getByLabel("Understock below (days)").fill("500");
    await stock.getByRole("button", { name: "Update" }).click();
    await expect
      .poll(() => stock.getByRole("alert").textContent())
      .toMatch(/understockDays must not be above/);
    await stock.getByLabel("Understock below (days)").fill("14");
    await stock.getByRole("button", { name: "Update" }).click();
    await stock.getByRole("status").getByText("Saved.").waitFor();
    expect(await call("GET", `/api/v1/planning/settings?connectionId=${storeId}`)).toMatchObject({
      understockDays: 14,
      overstockDays: 100,
    });

    await tab("Notifications").click();
    const notes = page.getByRole("region", { name: "Notification switches" });
    await notes.getByLabel("Product sync successful").uncheck();
    await notes.getByRole("button", { name: "Update" }).click();
    await notes.getByRole("status").getByText("Saved.").waitFor();
    const settings = await call<{ connections: { connectionId: string; types: Record<string, boolean> }[] }>(
      "GET",
      "/api/v1/notification-settings",
    );
    expect(settings.connections.find((c) => c.connectionId === storeId)?.types).toMatchObject({
      product_sync_successful: false,
      low_stock: true,
    });
  });

  it("filters the per-SKU sync log and replays an order once its cause is fixed", async () => {
    await call("POST", `/api/v1/connections/${storeId}/feeds/new-orders/run`, {});
    await until(
      "the unknown-SKU order to need attention",
      async () => {
        const issues = await call<{ items: { subjectId: string }[] }>(
          "GET",
          "/api/v1/sync/issues?severity=error",
        );
        return issues.items.some((i) => i.subjectId === "5002");
      },
      30_000,
      200,
    );

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync log" }).click();
    const issue = page.getByRole("listitem", { name: "Order 5002" });
    await issue.getByText(/matches no product in Stockwire/).waitFor();
    await issue.getByText(/Add the product in Stockwire/).waitFor();

    const log = page.getByRole("table", { name: "Sync log" });
    await log.getByRole("cell", { name: "GHOST-1" }).waitFor();
    await log.getByRole("cell", { name: "MUG-RED" }).waitFor();
    await page.getByLabel("Result").selectOption("failed");
    await log.getByRole("cell", { name: "MUG-RED" }).waitFor({ state: "detached" });
    expect(await log.getByRole("cell", { name: "GHOST-1" }).count()).toBe(1);
    await page.getByLabel("Result").selectOption("");
    await page.getByLabel("SKU", { exact: true }).fill("MUG-RED");
    await log.getByRole("cell", { name: "GHOST-1" }).waitFor({ state: "detached" });
    await log.getByText(/shadow mode: recorded as a preview/).waitFor();
    await page.getByLabel("Connection", { exact: true }).selectOption({ label: "Corner store" });
    await page.getByLabel("Severity").selectOption("error");
    await page.getByText("No sync result matches.").waitFor();
    await page.getByRole("button", { name: "Clear" }).click();
    await log.getByRole("cell", { name: "GHOST-1" }).waitFor();
    await page.screenshot({ path: "docs/screenshots/sync-log.png", fullPage: true });

    await call("POST", "/api/v1/products/import", {
      products: [{ sku: "GHOST-1", name: "Ghost", quantity: 5 }],
    });
    await issue.getByRole("button", { name: "Replay" }).click();
    await issue.waitFor({ state: "detached" });
    await page.getByText("Nothing needs your attention.").waitFor();
    const orders = await call<{ items: { platformOrderId: string }[] }>(
      "GET",
      `/api/v1/orders?connectionId=${storeId}&q=5002`,
    );
    expect(orders.items.map((o) => o.platformOrderId)).toContain("5002");
  });

  it("shows connection health, the sales chart, stock alerts and notifications on the home page", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    const tile = page
      .getByRole("region", { name: "Connection health" })
      .getByRole("link", { name: /Corner store/ });
    await tile.getByText(/Last run: /).waitFor();
    await tile.getByText(/waiting to send/).waitFor();
    await tile.getByText("Nothing needs attention").waitFor();

    const chart = page.getByRole("figure", { name: "Sales by day and channel" });
    await chart.getByText(/Corner store: €[\d,.]+ · 3\d orders/).waitFor();
    await chart.getByText(/Entered through the API: €[\d,.]+ · 13 orders/).waitFor();
    expect(await chart.locator("svg rect").count()).toBeGreaterThan(14);
    await chart.getByRole("button", { name: "Orders" }).click();
    await chart.getByRole("img", { name: "Orders per day in EUR" }).waitFor();
    expect((await chart.locator("svg text.axis").allTextContents()).filter((t) => t.includes("€"))).toEqual(
      [],
    );

    const alerts = page.getByRole("region", { name: "Stock alerts" });
    await alerts.getByRole("link", { name: "TEE-S" }).waitFor();
    await alerts.getByRole("link", { name: "MUG-BLUE" }).waitFor();
    await page.getByRole("region", { name: "Recent notifications" }).getByRole("listitem").first().waitFor();
    await chart.getByRole("button", { name: "Revenue" }).click();
    await page.screenshot({ path: "docs/screenshots/home.png", fullPage: true });
  });

  it("shows a stalled connection in red on the home page, with what waits and why", async () => {
    // A webhook taken in five minutes ago whose job was lost: nothing will process it.
    await hub.ctx.db.execute(
      sql`insert into webhook_inbox (account_id, connection_id, event_id, topic, body, headers, received_at)
          select account_id, id, 'lost-1', 'orders/create', '{}', '{}'::jsonb, now() - interval '5 minutes'
          from connections where id = ${storeId}`,
    );
    await page.reload();
    const tile = page
      .getByRole("region", { name: "Connection health" })
      .getByRole("link", { name: /Corner store/ });
    const line = tile.getByText(
      "Stalled: 1 waiting, oldest 5 min — webhooks from the platform are received but not processed",
    );
    await line.waitFor();
    // These run in the page (nothing from here is in scope there); the test's types know no DOM.
    type Styled = { getComputedStyle(el: unknown): { borderColor: string; color: string } };
    const red = "rgb(180, 35, 24)";
    expect(
      await tile.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).borderColor),
    ).toBe(red);
    expect(await line.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).color)).toBe(
      red,
    );
    expect(await tile.getByText("Nothing needs attention").count()).toBe(0);
  });
});
