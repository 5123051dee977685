import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");
const CATALOGUE = join(SRC, "..", "docs", "error-codes.md");
const DEFINITION = join(SRC, "lib", "errors.ts");
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

type Site = { where: string; code: string | undefined };

/**
 * Every `invalid(code, …)` and `new AppError("invalid_data", code, …)` in src: the code argument,
 * or undefined when it is not a plain string literal (a variable or template could drift).
 */
function validationSites(): Site[] {
  const sites: Site[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    // The helper itself forwards its parameter; its callers are what is checked.
    if (path === DEFINITION) continue;
    // Sandboxes answer in the platforms' own error shapes, not the hub's codes (their helpers may be
    // named `invalid` too).
    if (relative(SRC, path).startsWith("sandboxes/")) continue;
    const text = readFileSync(path, "utf8");
    if (!text.includes("invalid")) continue;
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      const codeArg = codeArgument(node);
      if (codeArg !== null) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        sites.push({
          where: `${relative(SRC, path)}:${line + 1}`,
          code: codeArg && ts.isStringLiteral(codeArg) ? codeArg.text : undefined,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

/** The code argument of a validation failure; null when the node builds none. */
function codeArgument(node: ts.Node): ts.Expression | undefined | null {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "invalid") {
    return node.arguments[0];
  }
  if (
    ts.isNewExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "AppError" &&
    node.arguments?.[0] &&
    ts.isStringLiteral(node.arguments[0]) &&
    node.arguments[0].text === "invalid_data"
  ) {
    return node.arguments[1];
  }
  return null;
}

describe("validation error codes", () => {
  const sites = validationSites();

  it("finds the validation failures it checks", () => {
    expect(sites.filter((s) => s.where.startsWith("modules/")).length).toBeGreaterThan(20);
  });

  it("gives every validation failure a snake_case string literal as its code", () => {
    const offending = sites.filter((s) => s.code === undefined || !SNAKE_CASE.test(s.code));
    expect(offending).toEqual([]);
  });

  it("keeps the shared kind name out of codes, so each names its own failure", () => {
    expect(sites.filter((s) => s.code === "invalid_data")).toEqual([]);
  });

  it("lists every validation code in docs/error-codes.md", () => {
    const catalogue = readFileSync(CATALOGUE, "utf8");
    const missing = [...new Set(sites.map((s) => s.code))].filter(
      (code) => !catalogue.includes(`\`${code}\``),
    );
    expect(missing).toEqual([]);
  });
});
