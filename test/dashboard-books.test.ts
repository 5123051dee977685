import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { quickBooksOnlineConnector } from "../src/connectors/quickbooks-online/index.ts";
import type { QuickBooksOnlineSandbox } from "../src/sandboxes/quickbooks-online/index.ts";
import { hasChromium, launchBrowser, type TestBrowser } from "./helpers/browser.ts";
import { type DashboardHub, startDashboardHub } from "./helpers/dashboard-hub.ts";
import type { TestHub } from "./helpers/hub.ts";
import { credentialsFor, sessionFor, startCompany } from "./helpers/quickbooks-session.ts";
import { createTestConnector, createTestPlatform } from "./helpers/test-connector.ts";

/**
 * The orders & books, planner and notification screens in Chromium, against a hub with workers
 * (the notifier records notifications) and a QuickBooks Online sandbox company as the books.
 */
const EMAIL = "owner@books.example";
const PASSWORD = "correct horse battery";
const DAY = 86_400_000;

let qbo: QuickBooksOnlineSandbox;
let hub: TestHub;
let base: string;
let booksSku: string;

let call: DashboardHub["call"];

async function order(number: string, placedAt: string, sku: string, quantity: number, connectionId?: string) {
  const res = await call<{ orderId: string }>("POST", "/api/v1/orders", {
    ...(connectionId ? { connectionId } : {}),
    platformOrderId: number,
    orderNumber: number,
    placedAt,
    currency: "USD",
    customer: { name: "Grace Hopper" },
    lines: [{ sku, name: sku, quantity, unitPriceMinor: 2500 }],
  });
  return res.orderId;
}

const unread = async () =>
  (await call<{ unread: number }>("GET", "/api/v1/notifications/unread-count")).unread;

beforeAll(async () => {
  qbo = await startCompany({ items: 3 });
  const item = (await sessionFor(qbo).session.listProducts({})).items.find((p) => p.sku);
  if (!item?.sku) throw new Error("the sandbox company has no item with a SKU");
  booksSku = item.sku;
  ({ hub, base, call } = await startDashboardHub({
    accountName: "Books Shop",
    email: EMAIL,
    password: PASSWORD,
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: {
      test: createTestConnector(createTestPlatform()) as Connector<unknown>,
      "quickbooks-online": quickBooksOnlineConnector as Connector<unknown>,
    },
  }));
  await call("POST", "/api/v1/products/import", {
    products: [
      { sku: booksSku, name: "Books item", quantity: 100 },
      { sku: "PLAN-FAST", name: "Fast seller", quantity: 10, lowStockThreshold: 5, leadTimeDays: 20 },
      { sku: "PLAN-IDLE", name: "Idle stock", quantity: 50 },
      { sku: "PLAN-OK", name: "Steady seller", quantity: 60 },
    ],
  });

  const books = await call<{ id: string }>("POST", "/api/v1/connections", {
    platform: "quickbooks-online",
    name: "Books",
    credentials: credentialsFor(qbo),
  });
  const shop = await call<{ id: string }>("POST", "/api/v1/connections", {
    platform: "test",
    name: "Web shop",
    credentials: { token: "good-token" },
  });
  for (const id of [books.id, shop.id])
    await call("POST", `/api/v1/connections/${id}/mode`, { mode: "live" });
  await call("PUT", `/api/v1/connections/${shop.id}/order-settings`, { booksConnectionId: books.id });

  // Two days of sales for the manual sync, and a refund (a notification).
  const refunded = await order("#2001", "2024-05-06T10:00:00Z", booksSku, 2, shop.id);
  await order("#2002", "2024-05-06T15:00:00Z", booksSku, 1, shop.id);
  await order("#2003", "2024-05-07T09:00:00Z", booksSku, 3, shop.id);
  await call("POST", `/api/v1/orders/${refunded}/refunds`, {
    currency: "USD",
    amountMinor: 2500,
    refundedAt: "2024-05-08T10:00:00Z",
    lines: [{ sku: booksSku, quantity: 1, restock: true }],
  });
  // Recent sales for the planner: PLAN-FAST runs low (a low-stock notification), PLAN-OK is steady.
  const recent = new Date(Date.now() - 2 * DAY).toISOString();
  await order("#3001", recent, "PLAN-FAST", 8);
  await order("#3002", recent, "PLAN-OK", 30);

  // Both notifications by type: other notifications (postings, runs) may arrive first, and on a
  // busy PostgreSQL cluster the notifier can take a while to read the events.
  const has = async (type: string) =>
    (await call<{ items: unknown[] }>("GET", `/api/v1/notifications?type=${type}`)).items.length > 0;
  const deadline = Date.now() + 60_000;
  while (!(await has("low_stock")) || !(await has("product_refund"))) {
    if (Date.now() > deadline) throw new Error("the refund and low-stock notifications never appeared");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await qbo?.close();
});

if (!hasChromium)
  console.warn("dashboard browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)");

describe.skipIf(!hasChromium)("orders, books, planner and notifications in Chromium", () => {
  let browser: TestBrowser;
  let page: Page;
  const bell = () => page.getByRole("button", { name: /^Notifications/ });

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
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

  it("shows the unread count on the bell and opens a notification from it in the centre", async () => {
    const count = await unread();
    await expect.poll(() => bell().getAttribute("aria-label")).toBe(`Notifications, ${count} unread`);
    await bell().click();
    await page
      .getByRole("dialog", { name: "Notifications" })
      .getByText(`Customer has initiated refund request for Product #${booksSku}`)
      .click();
    await page.waitForURL(/\/notifications\?open=/);
    const centre = page.getByRole("table", { name: "Notifications" });
    await centre.getByRole("button", { name: /refund request/, expanded: true }).waitFor();
    await centre.getByText(/1 unit\(s\), refund 25\.00 USD/).waitFor();
    await expect.poll(() => bell().getAttribute("aria-label")).toBe(`Notifications, ${count - 1} unread`);
  });

  it("filters and searches the centre, then marks all as read", async () => {
    const rows = page.getByRole("table", { name: "Notifications" }).getByRole("button", { expanded: false });
    await page.getByLabel("Type").selectOption("low_stock");
    await page.getByText('Restock this product "PLAN-FAST"').waitFor();
    await expect.poll(() => page.getByText(/refund request/).count()).toBe(0);
    await page.getByLabel("Type").selectOption("");
    await page.getByLabel("Search notifications").fill("refund");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByText(/Restock this product/).count()).toBe(0);
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Read state").selectOption("false");
    await page.getByText('Restock this product "PLAN-FAST"').waitFor();
    await expect.poll(() => rows.filter({ hasText: /refund request/ }).count()).toBe(0);
    await page.getByLabel("Read state").selectOption("");
    await page.screenshot({ path: "docs/screenshots/notifications.png" });

    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => bell().getAttribute("aria-label")).toBe("Notifications");
    expect(await unread()).toBe(0);
  });

  it("refuses a manual sync over four months in words a merchant understands", async () => {
    await page.getByRole("link", { name: "Orders", exact: true }).click();
    await page.getByRole("link", { name: "#2003" }).waitFor();
    await page.screenshot({ path: "docs/screenshots/orders.png" });
    await page.getByRole("link", { name: "Manual sync" }).click();
    await expect.poll(() => page.getByLabel("Channel").inputValue()).not.toBe("");
    await page.getByLabel("Custom range").check();
    await page.getByLabel("From").fill("2024-01-01");
    await page.getByLabel("to", { exact: true }).fill("2024-06-01");
    await page.getByRole("button", { name: "Sync to the books" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("A manual sync covers at most four months at a time.").waitFor();
    expect(await alert.textContent()).toMatch(/What to do: pick a shorter range/);
    expect(await alert.textContent()).toMatch(/Stockwire said: A sync batch covers at most 4 months/);
  });

  it("runs a manual sync with progress and posts one summary per day", async () => {
    // Slow QuickBooks down so the sync runs long enough for its progress to be watched.
    qbo.control.setLimits({ latencyMs: 400 });
    await page.getByLabel("From").fill("2024-05-06");
    await page.getByLabel("to", { exact: true }).fill("2024-05-08");
    await page.getByRole("button", { name: "Sync to the books" }).click();
    await page.getByRole("button", { name: "Syncing…" }).waitFor();
    await page.getByRole("progressbar", { name: "Manual sync progress" }).waitFor();
    const result = page.getByRole("status", { name: "Sync result" });
    await result
      .getByText("Sync finished for 2024-05-06 to 2024-05-08.", { exact: false })
      .waitFor({ timeout: 30_000 });
    // The background poster may send some of the documents the sync queued; either way all are sent.
    expect(await result.textContent()).toContain("3 of 3 orders in the books · 3 of 3 documents sent");
    expect(await result.textContent()).toContain("Summarised periods: 2024-05-06, 2024-05-07");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(qbo.control.posted().SalesReceipt).toHaveLength(2);
    expect(qbo.control.posted().RefundReceipt).toHaveLength(1);
  });

  it("lists summaries with their orders and re-summarises one", async () => {
    await page.getByRole("link", { name: "Summaries" }).click();
    const summaries = page.getByRole("table", { name: "Summaries" });
    const day = summaries.getByRole("row", { name: /2024-05-06/ });
    await day.getByRole("link", { name: "#2001" }).waitFor();
    await day.getByRole("link", { name: "#2002" }).waitFor();
    await day.getByRole("button", { name: "Re-summarise" }).click();
    await page.getByRole("button", { name: "Delete and rebuild" }).click();
    await summaries.getByText(/Re-summarised 2024-05-06 \(version 2\): posted/).waitFor({ timeout: 30_000 });
    qbo.control.setLimits({ latencyMs: 0 });
  });

  it("shows an order's postings to the books", async () => {
    await page.getByRole("table", { name: "Summaries" }).getByRole("link", { name: "#2001" }).click();
    await page.getByRole("heading", { name: "Order #2001" }).waitFor();
    const postings = page.getByRole("table", { name: "Postings" });
    await postings.getByRole("row", { name: /Daily summary.*posted/ }).waitFor();
    await postings.getByRole("row", { name: /Refund.*posted/ }).waitFor();
  });

  it("sorts and filters the planner report", async () => {
    await page.getByRole("link", { name: "Planner" }).click();
    const report = page.getByRole("table", { name: "Planner report" });
    const firstSku = () => report.getByRole("row").nth(1).getByRole("cell").first().textContent();
    await report.getByRole("link", { name: "PLAN-FAST" }).waitFor();
    const skus = [booksSku, "PLAN-FAST", "PLAN-IDLE", "PLAN-OK"].sort((a, b) => a.localeCompare(b));
    await report.getByRole("button", { name: /^SKU/ }).click();
    await expect.poll(firstSku).toBe(skus[0]);
    await report.getByRole("button", { name: /^SKU/ }).click();
    await expect.poll(firstSku).toBe(skus.at(-1));
    await page.getByLabel("Plan status").selectOption("understock");
    await expect.poll(() => report.getByRole("row").count()).toBe(2);
    expect(await firstSku()).toBe("PLAN-FAST");
    await page.getByLabel("Plan status").selectOption("ok");
    await expect.poll(firstSku).toBe("PLAN-OK");
    await page.getByLabel("Plan status").selectOption("");
    await page.screenshot({ path: "docs/screenshots/planner.png" });
  });

  it("shows planner figures on a product and records a stock adjustment", async () => {
    await page
      .getByRole("table", { name: "Planner report" })
      .getByRole("link", { name: "PLAN-FAST" })
      .click();
    const figures = page.getByRole("region", { name: "Planner figures" });
    await figures.getByText("understock", { exact: true }).waitFor();
    expect(await figures.textContent()).toContain("Sold in 90 days8");
    const form = page.getByRole("form", { name: "Adjust stock" });
    await form.getByLabel(/^Units/).fill("5");
    await form.getByRole("button", { name: "Record change" }).click();
    await form.getByRole("status").getByText("Added 5 in Default.").waitFor();
    const stock = page.getByRole("table", { name: "Stock per warehouse" });
    await expect
      .poll(() =>
        stock
          .getByRole("row", { name: /Default/ })
          .getByRole("cell")
          .allTextContents(),
      )
      .toEqual(["Default", "15", "8", "7"]);
  });

  it("previews a custom alert live while it is written", async () => {
    await page.getByRole("link", { name: "Notifications", exact: true }).click();
    await page.getByRole("link", { name: "Custom alerts" }).click();
    await page.getByRole("button", { name: "New alert" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Big order");
    await page.getByRole("combobox", { name: /^Event/ }).selectOption("order.imported");
    await page.getByLabel("Message template").fill("Big order {{ orderNumber }} worth {{ totalMinor }}");
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.getByText("Big order #3002 worth 75000").waitFor();
    await page.getByRole("button", { name: "Add a condition" }).click();
    await page.getByLabel("Field 1").selectOption("totalMinor");
    await page.getByLabel("Operator 1").selectOption(">");
    await page.getByLabel("Value 1").fill("100000");
    await preview.getByText(/the condition does not hold/).waitFor();
    await page.getByLabel("Value 1").fill("1000");
    await preview.getByText(/the condition holds, so it would alert/).waitFor();
    await page.getByLabel("Message template").fill("Hi {{ customer }}");
    const unknownField = preview.getByRole("alert");
    await unknownField.getByText("The message names a field this event does not have.").waitFor();
    expect(await unknownField.textContent()).toMatch(
      /What to do: pick the field from the list under the message/,
    );
    await page.getByLabel("Message template").fill("Big order {{ orderNumber }}");
    await page.getByRole("button", { name: "Create alert" }).click();
    await page.getByRole("table", { name: "Custom alerts" }).getByText("Big order").waitFor();
  });
});
