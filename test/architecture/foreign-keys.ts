import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { lineAt, moduleOf, root, schemaPath, type Violation } from "./module-scan.ts";

/** A schema file as loaded: the module it speaks for, where it is, and what it exports. */
export type LoadedSchema = { module: string; path: string; exports: Record<string, unknown> };

/** The tables a module lets others point foreign keys at: its `<module>ReferenceableTables`. */
export function referenceableOf(schema: LoadedSchema | undefined): Set<unknown> {
  const list = schema?.exports[`${schema.module}ReferenceableTables`];
  return new Set(Array.isArray(list) ? list : []);
}

/**
 * Foreign keys from one module's tables to another module's table that the owner does not publish
 * for reference, and tables a schema imports from another module's schema.ts beyond those.
 * `owners` are the modules' real schemas, by module; `schema` is the one being checked.
 */
export function foreignKeyBreaches(schema: LoadedSchema, owners: Map<string, LoadedSchema>): Violation[] {
  const ownerOf = new Map<unknown, { module: string; name: string }>();
  for (const owner of owners.values()) {
    for (const [name, value] of Object.entries(owner.exports)) {
      if (is(value, PgTable)) ownerOf.set(value, { module: owner.module, name });
    }
  }
  const text = readFileSync(schema.path, "utf8");
  const where = (offset: number) => `${relative(root, schema.path)}:${lineAt(text, offset)}`;
  const out: Violation[] = [];
  for (const value of Object.values(schema.exports)) {
    if (!is(value, PgTable)) continue;
    const table = getTableConfig(value).name;
    for (const fk of getTableConfig(value).foreignKeys) {
      const target = fk.reference().foreignTable;
      const owner = ownerOf.get(target);
      if (!owner || owner.module === schema.module || referenceableOf(owners.get(owner.module)).has(target)) {
        continue;
      }
      const tableAt = Math.max(0, text.search(new RegExp(`pgTable\\(\\s*["'\`]${table}["'\`]`)));
      const use = text.slice(tableAt).search(new RegExp(`=>\\s*${owner.name}\\.`));
      out.push({
        where: where(use >= 0 ? tableAt + use : tableAt),
        message: `${table} references ${getTableConfig(target).name}, which ${owner.module}ReferenceableTables does not list`,
      });
    }
  }
  for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+)["']/g)) {
    const target = resolve(dirname(schema.path), match[2]!);
    const owner = moduleOf(target);
    if (!owner || owner === schema.module || target !== schemaPath(owner)) continue;
    for (const spec of match[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const name = spec.replace(/^type\s+/, "").split(/\s+as\s+/)[0]!;
      const value = owners.get(owner)?.exports[name];
      // Shared value lists and types are not references; only tables are.
      if (!is(value, PgTable) || referenceableOf(owners.get(owner)).has(value)) continue;
      out.push({
        where: where(match.index),
        message: `imports ${name} from ${owner}/schema.ts, which ${owner}ReferenceableTables does not list`,
      });
    }
  }
  return out;
}
