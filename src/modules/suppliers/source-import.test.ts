import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { importSourceFile, type SourceFile, type SourceRow } from "./index.ts";

let hub: TestHub;
let tenant: Tenant;
let api: Api;
let supplierId: string;
beforeAll(async () => {
  hub = await startTestHub();
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", {
    products: [
      { sku: "HUB-1", name: "Linked", quantity: 2 },
      { sku: "SAME-2", name: "Same SKU at the supplier" },
      { sku: "HUB-3", name: "Dropped later" },
    ],
  });
  supplierId = (await api.post("/api/v1/suppliers", { name: "Feedco", currency: "USD" })).body.id;
  await api.post(`/api/v1/suppliers/${supplierId}/links`, { sku: "HUB-1", supplierSku: "F-1" });
  await api.post(`/api/v1/suppliers/${supplierId}/links`, { sku: "HUB-3", supplierSku: "F-3" });
});
afterAll(() => hub?.close());

let files = 0;
function file(rows: [string, number][], malformed: SourceFile["malformed"] = []): SourceFile {
  files++;
  return {
    supplierId,
    sourceKey: "source-1",
    name: `stock-${files}.csv`,
    size: 100 + files,
    sha256: `hash-${files}`,
    rows: rows.map(
      ([supplierSku, quantity], i): SourceRow => ({ line: i + 2, supplierSku, quantity, costMinor: 250 }),
    ),
    malformed,
  };
}
const stockOf = async (sku: string) =>
  (await api.get(`/api/v1/products/${sku}`)).body.supplierStock.map((s: { quantity: number }) => s.quantity);

describe("importing a supplier's inventory file", () => {
  it("sets linked stock, links an equal hub SKU automatically and lists unknown SKUs once", async () => {
    const result = await importSourceFile(
      hub.ctx.db,
      tenant.accountId,
      file(
        [
          ["F-1", 40],
          ["SAME-2", 7],
          ["F-3", 5],
          ["NOBODY", 1],
          ["NOBODY", 2],
        ],
        [{ line: 7, message: "quantity is not a whole number" }],
      ),
    );
    expect(result).toMatchObject({
      status: "imported",
      updated: 3,
      automaticLinks: ["SAME-2"],
      unknownSkus: ["NOBODY"],
      malformed: [{ line: 7 }],
    });
    expect(await stockOf("HUB-1")).toEqual([40]);
    expect(await stockOf("SAME-2")).toEqual([7]);
    const link = (await api.get("/api/v1/products/SAME-2")).body.supplierLinks[0];
    expect(link).toMatchObject({ supplierSku: "SAME-2", origin: "automatic", cost: 2.5 });
    expect((await api.get("/api/v1/products/HUB-1")).body.onHand).toBe(2);
  });

  it("skips a file already imported and zeroes products a whole file no longer lists", async () => {
    const whole = file([
      ["F-1", 30],
      ["SAME-2", 6],
      ["NEW-X", 1],
    ]);
    expect(await importSourceFile(hub.ctx.db, tenant.accountId, whole)).toMatchObject({
      status: "imported",
      zeroed: 1,
    });
    expect(await stockOf("HUB-3")).toEqual([0]);
    expect(await importSourceFile(hub.ctx.db, tenant.accountId, whole)).toEqual({
      status: "skipped",
      reason: "already_imported",
    });
  });

  it("refuses an empty or truncated file and changes nothing", async () => {
    const empty = await importSourceFile(hub.ctx.db, tenant.accountId, file([]));
    expect(empty).toMatchObject({ status: "refused", code: "source_file_empty" });
    const truncated = await importSourceFile(hub.ctx.db, tenant.accountId, file([["F-1", 0]]));
    expect(truncated).toMatchObject({ status: "refused", code: "source_file_truncated" });
    expect(await stockOf("HUB-1")).toEqual([30]);
    expect(await stockOf("SAME-2")).toEqual([6]);
  });
});
