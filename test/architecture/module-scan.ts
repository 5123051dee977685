import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * Reads src/modules the way the boundary rule needs it: which module owns which table (from each
 * schema.ts and the views the migrations create), where a module's code names another module's
 * table in SQL, and where it imports another module's schema. Text and syntax only, no database,
 * so the test follows tables as they move between modules.
 */

export const root = resolve(import.meta.dirname, "../..");
export const modulesDir = join(root, "src/modules");
const migrationsDir = join(root, "drizzle");

export type Violation = { where: string; message: string };

export function moduleNames(): string[] {
  return readdirSync(modulesDir)
    .filter((name) => statSync(join(modulesDir, name)).isDirectory())
    .sort();
}

export function schemaPath(module: string): string {
  return join(modulesDir, module, "schema.ts");
}

/** Table name → owning module, from `pgTable("name"` in each schema.ts. */
export function tablesFromSchemas(modules: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const module of modules) {
    const path = schemaPath(module);
    if (!existsSync(path)) continue;
    for (const match of readFileSync(path, "utf8").matchAll(
      /\bpg(?:Table|View|MaterializedView)\(\s*["'`]([a-z0-9_]+)["'`]/g,
    )) {
      owners.set(match[1]!, module);
    }
  }
  return owners;
}

/**
 * View name → owning module, for views the migrations create: a view belongs to the module its
 * name starts with (`orders_sales_lines_v` is the orders module's). A view whose name starts with
 * no module is reported, since nobody would own it.
 */
export function viewsFromMigrations(modules: string[]): {
  owners: Map<string, string>;
  unowned: Violation[];
} {
  const owners = new Map<string, string>();
  const unowned: Violation[] = [];
  const byLength = [...modules].sort((a, b) => b.length - a.length);
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const text = readFileSync(join(migrationsDir, file), "utf8");
    for (const match of text.matchAll(
      /\bcreate\s+(?:or\s+replace\s+)?(?:materialized\s+)?view\s+(?:if\s+not\s+exists\s+)?"?([a-z0-9_]+)"?/gi,
    )) {
      const name = match[1]!.toLowerCase();
      const owner = byLength.find((m) => name.startsWith(`${m}_`));
      if (owner) owners.set(name, owner);
      else
        unowned.push({
          where: `drizzle/${file}:${lineAt(text, match.index)}`,
          message: `view ${name} is named after no module`,
        });
    }
  }
  return { owners, unowned };
}

/** Every non-test, non-schema .ts file of a module, subfolders included. */
export function moduleCodeFiles(module: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (
        entry.endsWith(".ts") &&
        !entry.endsWith(".test.ts") &&
        !entry.endsWith(".d.ts") &&
        entry !== "schema.ts"
      ) {
        out.push(path);
      }
    }
  };
  walk(join(modulesDir, module));
  return out;
}

/** The module a path under src/modules belongs to, or null outside it. */
export function moduleOf(path: string): string | null {
  const rel = relative(modulesDir, path);
  if (rel.startsWith("..")) return null;
  return rel.split(/[\\/]/)[0] ?? null;
}

// SQL keywords after which a table name is read or written. `delete from` and `exists (select …
// from` are covered by `from`; a table list after `from a, b` is not followed.
const sqlTableUse = /\b(from|join|update|into)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?(?![a-z0-9_.(])/gi;

/**
 * Names of other modules' tables used in SQL inside this file's string and template literals
 * (comments and code are not SQL, so they are not read). Template literals are read piece by piece
 * with each `${…}` left out, so a keyword and a table split by an interpolation are not joined.
 */
export function foreignSqlTables(path: string, module: string, owners: Map<string, string>): Violation[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Violation[] = [];
  const read = (start: number, literal: string) => {
    for (const match of literal.matchAll(sqlTableUse)) {
      const table = match[2]!.toLowerCase();
      const owner = owners.get(table);
      if (!owner || owner === module) continue;
      const line = source.getLineAndCharacterOfPosition(start + match.index).line + 1;
      found.push({
        where: `${relative(root, path)}:${line}`,
        message: `${match[1]!.toLowerCase()} ${table}: table of the ${owner} module`,
      });
    }
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      // Raw text keeps positions: cooked text would shift them by the escapes.
      const start = node.getStart(source);
      read(start, text.slice(start, node.getEnd()));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Imports (and re-exports) of another module's schema.ts, or of the gathered src/db/schema.ts. */
export function foreignSchemaImports(path: string, module: string): Violation[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Violation[] = [];
  for (const { specifier, node } of moduleSpecifiers(source)) {
    if (!specifier.startsWith(".")) continue;
    const target = resolve(dirname(path), specifier);
    const where = `${relative(root, path)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    if (target === join(root, "src/db/schema.ts")) {
      found.push({ where, message: "imports src/db/schema.ts, every module's tables" });
      continue;
    }
    const owner = moduleOf(target);
    if (owner && owner !== module && target === schemaPath(owner)) {
      found.push({ where, message: `imports ${owner}/schema.ts, the ${owner} module's tables` });
    }
  }
  return found;
}

function moduleSpecifiers(source: ts.SourceFile): { specifier: string; node: ts.Node }[] {
  const out: { specifier: string; node: ts.Node }[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      out.push({ specifier: statement.moduleSpecifier.text, node: statement });
    }
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push({ specifier: node.arguments[0].text, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
