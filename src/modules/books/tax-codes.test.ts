import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { credentialsFor, sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { quickBooksOnlineConnector } from "../../connectors/quickbooks-online/index.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";

/**
 * A GB company refuses sales lines without a tax code (issue 19 item 16): the books connection's
 * tax settings, checked against the company's TaxCode list, put one on every line of a summary.
 */
let qbo: QuickBooksOnlineSandbox;
let hub: TestHub;
let api: Api;
let books: string;
let shop: string;
let other: string;
let sku: string;
let standard: string;
let zero: string;

type Line = { DetailType: string; SalesItemLineDetail?: { TaxCodeRef?: { value: string } } };

async function connect(platform: "test" | "quickbooks-online", name: string) {
  const credentials = platform === "test" ? { token: "good-token" } : credentialsFor(qbo);
  const res = await api.post("/api/v1/connections", { platform, name, credentials });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await api.post(`/api/v1/connections/${res.body.id}/mode`, { mode: "live" });
  return res.body.id as string;
}

async function channel(name: string) {
  const id = await connect("test", name);
  const res = await api.put(`/api/v1/connections/${id}/order-settings`, { booksConnectionId: books });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

async function order(connectionId: string, number: number, placedAt: string) {
  const res = await api.post("/api/v1/orders", {
    connectionId,
    platformOrderId: `gb-${number}`,
    orderNumber: `#${number}`,
    placedAt,
    currency: "GBP",
    customer: { name: "Ada Lovelace" },
    lines: [{ sku, quantity: 2, unitPriceMinor: 1000 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const receiptLines = (docPrefix: string) =>
  qbo.control
    .posted()
    .SalesReceipt.filter((r) => String(r.DocNumber).startsWith(docPrefix))
    .flatMap((r) => (r.Line as Line[]).filter((l) => l.DetailType === "SalesItemLineDetail"));

beforeAll(async () => {
  qbo = await startCompany({ items: 5, country: "GB" });
  const page = await sessionFor(qbo).session.listProducts({});
  sku = page.items[0]?.sku as string;
  const codes = await sessionFor(qbo).session.books().listTaxCodes();
  standard = codes.find((code) => code.name === "20.0% S")?.id as string;
  zero = codes.find((code) => code.active && code.id !== standard)?.id as string;
  hub = await startTestHub({
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: {
      test: createTestConnector(createTestPlatform()) as Connector<unknown>,
      "quickbooks-online": quickBooksOnlineConnector as Connector<unknown>,
    },
  });
  api = apiFor(hub.app, await createTenant(hub));
  expect(
    (await api.post("/api/v1/products/import", { products: [{ sku, name: sku, quantity: 100 }] })).status,
  ).toBeLessThan(300);
  books = await connect("quickbooks-online", "GB books");
  shop = await channel("GB shop");
  other = await channel("GB wholesale");
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await qbo?.close();
});

describe("books tax codes", () => {
  it("offers the company's tax codes and refuses one it does not have, saving nothing", async () => {
    const read = await api.get(`/api/v1/connections/${books}/books-tax-codes`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ defaultTaxCode: null, channelTaxCodes: {} });
    expect(read.body.taxCodes.map((code: { id: string }) => code.id)).toContain(standard);
    const bad = await api.put(`/api/v1/connections/${books}/books-tax-codes`, { defaultTaxCode: "999" });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("unknown_tax_code");
    expect((await api.get(`/api/v1/connections/${books}/books-tax-codes`)).body.defaultTaxCode).toBeNull();
    const channelSide = await api.get(`/api/v1/connections/${shop}/books-tax-codes`);
    expect(channelSide.status).toBe(400);
    expect(channelSide.body.code).toBe("not_a_books_connection");
  });

  it("posts a GB daily summary with the default tax code on every line, and a channel's own code", async () => {
    const saved = await api.put(`/api/v1/connections/${books}/books-tax-codes`, {
      defaultTaxCode: standard,
      channelTaxCodes: { [other]: zero },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ defaultTaxCode: standard, channelTaxCodes: { [other]: zero } });

    await order(shop, 5001, "2024-05-02T09:00:00Z");
    await order(shop, 5002, "2024-05-02T10:00:00Z");
    await order(other, 5003, "2024-05-02T11:00:00Z");
    for (const id of [shop, other]) {
      const res = await api.post("/api/v1/books/sync", {
        connectionId: id,
        from: "2024-05-02",
        to: "2024-05-02",
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.outcomes.posted, JSON.stringify(res.body)).toBe(1);
    }
    const shopLines = receiptLines(`S20240502-${shop.slice(0, 4)}`);
    expect(shopLines.length).toBeGreaterThan(0);
    for (const line of shopLines) expect(line.SalesItemLineDetail?.TaxCodeRef?.value).toBe(standard);
    const otherLines = receiptLines(`S20240502-${other.slice(0, 4)}`);
    expect(otherLines.length).toBeGreaterThan(0);
    for (const line of otherLines) expect(line.SalesItemLineDetail?.TaxCodeRef?.value).toBe(zero);
  });
});
