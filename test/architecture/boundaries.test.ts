import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as allTables from "../../src/db/schema.ts";
import {
  foreignSchemaImports,
  foreignSqlTables,
  lineAt,
  moduleCodeFiles,
  moduleNames,
  root,
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
const views = viewsFromMigrations(modules);
const owners = new Map([...tableOwners, ...views.owners]);

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

  it("no module names another module's table in SQL", () => {
    const violations = modules.flatMap((module) =>
      moduleCodeFiles(module).flatMap((path) => foreignSqlTables(path, module, owners)),
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
    const schemas = new Map<string, Record<string, unknown>>();
    for (const module of modules) {
      if ([...tableOwners.values()].includes(module)) {
        schemas.set(module, await import(schemaPath(module)));
      }
    }
    const ownerOf = new Map<unknown, { module: string; name: string }>();
    for (const [module, exports] of schemas) {
      for (const [name, value] of Object.entries(exports)) {
        if (is(value, PgTable)) ownerOf.set(value, { module, name });
      }
    }
    const referenceable = (module: string) => {
      const list = schemas.get(module)?.[`${module}ReferenceableTables`];
      return new Set(Array.isArray(list) ? list : []);
    };

    const violations: Violation[] = [];
    for (const [module, exports] of schemas) {
      const path = schemaPath(module);
      const text = readFileSync(path, "utf8");
      for (const value of Object.values(exports)) {
        if (!is(value, PgTable)) continue;
        for (const fk of getTableConfig(value).foreignKeys) {
          const target = fk.reference().foreignTable;
          const owner = ownerOf.get(target);
          if (!owner || owner.module === module || referenceable(owner.module).has(target)) continue;
          const tableAt = Math.max(
            0,
            text.search(new RegExp(`pgTable\\(\\s*["'\`]${getTableConfig(value).name}["'\`]`)),
          );
          const use = text.slice(tableAt).search(new RegExp(`=>\\s*${owner.name}\\.`));
          violations.push({
            where: `${relative(root, path)}:${lineAt(text, use >= 0 ? tableAt + use : tableAt)}`,
            message: `${getTableConfig(value).name} references ${getTableConfig(target).name}, which the ${owner.module} module does not list in ${owner.module}ReferenceableTables`,
          });
        }
      }
      violations.push(...foreignSchemaNamesBeyondReferenceable(module, text, schemas, referenceable));
    }
    expect(report(violations)).toEqual([]);
  });

  it("recognises reads of another module's tables, in SQL and by schema import", () => {
    const fixture = join(import.meta.dirname, "fixtures/reads-orders.ts");
    expect(report(foreignSqlTables(fixture, "planning", owners))).toEqual([
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

/** Tables a schema.ts imports from another module's schema.ts that the other does not publish. */
function foreignSchemaNamesBeyondReferenceable(
  module: string,
  text: string,
  schemas: Map<string, Record<string, unknown>>,
  referenceable: (module: string) => Set<unknown>,
): Violation[] {
  const out: Violation[] = [];
  for (const match of text.matchAll(
    /import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']\.\.\/([a-z-]+)\/schema\.ts["']/g,
  )) {
    const owner = match[3]!;
    if (owner === module) continue;
    for (const spec of match[2]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const name = spec.replace(/^type\s+/, "").split(/\s+as\s+/)[0]!;
      const value = schemas.get(owner)?.[name];
      // Shared value lists and types are not references; only tables are.
      if (!is(value, PgTable) || referenceable(owner).has(value)) continue;
      out.push({
        where: `${relative(root, schemaPath(module))}:${lineAt(text, match.index)}`,
        message: `imports ${name} from ${owner}/schema.ts, which is not in ${owner}ReferenceableTables`,
      });
    }
  }
  return out;
}
