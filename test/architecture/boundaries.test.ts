import { join } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as allTables from "../../src/db/schema.ts";
import { foreignKeyBreaches, type LoadedSchema } from "./foreign-keys.ts";
import {
  foreignSchemaImports,
  foreignSqlTables,
  moduleCodeFiles,
  moduleNames,
  schemaPath,
  tablesFromSchemas,
  type Violation,
  viewsFromMigrations,
} from "./module-scan.ts";

/**
 * src/README.md: modules call each other's exported functions, never each other's tables. A module
 * reads another's data through a function (or a view) that the owning module publishes, and a
 * foreign key may point only at the tables an owner lists in its `<module>ReferenceableTables`.
 */

const modules = moduleNames();
const tableOwners = tablesFromSchemas(modules);
// A view is what its owner publishes for others to read: owned (by its name's prefix), so an
// unowned one is reported, but readable from any module. Tables stay private to their module.
const views = viewsFromMigrations(modules);

const report = (violations: Violation[]) => violations.map((v) => `${v.where}  ${v.message}`);

describe("module boundaries", () => {
  it("knows the owner of every table in the schema", () => {
    const names = Object.values(allTables)
      .filter((value) => is(value, PgTable))
      .map((table) => getTableConfig(table as PgTable).name);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !tableOwners.has(name))).toEqual([]);
    expect(report(views.unowned)).toEqual([]);
  });

  it("knows the owner of the views other modules read", () => {
    expect(views.owners.get("orders_sales_lines_v")).toBe("orders");
  });

  it("no module names another module's table in SQL", () => {
    const violations = modules.flatMap((module) =>
      moduleCodeFiles(module).flatMap((path) => foreignSqlTables(path, module, tableOwners)),
    );
    expect(report(violations)).toEqual([]);
  });

  it("no module imports another module's schema outside its own schema.ts", () => {
    const violations = modules.flatMap((module) =>
      moduleCodeFiles(module).flatMap((path) => foreignSchemaImports(path, module)),
    );
    expect(report(violations)).toEqual([]);
  });

  it("foreign keys across modules point only at the tables their owner publishes for reference", async () => {
    const schemas = await loadSchemas();
    const violations = [...schemas.values()].flatMap((schema) => foreignKeyBreaches(schema, schemas));
    expect(report(violations)).toEqual([]);
  });

  it("recognises a foreign key to a table its owner does not publish", async () => {
    const path = join(import.meta.dirname, "fixtures/reports-schema.ts");
    const fixture = { module: "reports", path, exports: await import(path) };
    expect(report(foreignKeyBreaches(fixture, await loadSchemas()))).toEqual([
      "test/architecture/fixtures/reports-schema.ts:10  report_lines references listings, which catalogReferenceableTables does not list",
      "test/architecture/fixtures/reports-schema.ts:4  imports listings from catalog/schema.ts, which catalogReferenceableTables does not list",
    ]);
  });

  it("recognises reads of another module's tables, in SQL and by schema import", () => {
    const fixture = join(import.meta.dirname, "fixtures/reads-orders.ts");
    expect(report(foreignSqlTables(fixture, "planning", tableOwners))).toEqual([
      "test/architecture/fixtures/reads-orders.ts:7  from orders: table of the orders module",
      "test/architecture/fixtures/reads-orders.ts:7  join order_lines: table of the orders module",
      "test/architecture/fixtures/reads-orders.ts:9  from stock_levels: table of the inventory module",
      "test/architecture/fixtures/reads-orders.ts:10  update products: table of the catalog module",
    ]);
    expect(report(foreignSchemaImports(fixture, "planning"))).toEqual([
      "test/architecture/fixtures/reads-orders.ts:3  imports orders/schema.ts, the orders module's tables",
    ]);
  });
});

/** Every module's schema.ts, loaded. */
async function loadSchemas(): Promise<Map<string, LoadedSchema>> {
  const out = new Map<string, LoadedSchema>();
  for (const module of new Set(tableOwners.values())) {
    const path = schemaPath(module);
    out.set(module, { module, path, exports: await import(path) });
  }
  return out;
}
