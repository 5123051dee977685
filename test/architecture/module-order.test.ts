import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hubModules } from "../../src/modules/index.ts";

const modulesDir = join(import.meta.dirname, "../../src/modules");

/** Every non-test source file of a module, with the other modules it imports at run time or for types. */
function importsOf(module: string): { file: string; imported: string }[] {
  const found: { file: string; imported: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        for (const match of readFileSync(path, "utf8").matchAll(/from "(?:\.\.\/)+([a-z-]+)\/index\.ts"/g)) {
          if (match[1] !== module)
            found.push({ file: path.slice(modulesDir.length + 1), imported: match[1]! });
        }
      }
    }
  };
  walk(join(modulesDir, module));
  return found;
}

describe("module order", () => {
  const order = hubModules.map((m) => m.name);

  it("lists every module folder once", () => {
    const folders = readdirSync(modulesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect([...order].sort()).toEqual(folders.sort());
  });

  it("has each module import only modules listed before it", () => {
    const upward = order.flatMap((module, rank) =>
      importsOf(module)
        .filter(({ imported }) => !order.slice(0, rank).includes(imported))
        .map(({ file, imported }) => `${file} imports ${imported}, which is not below ${module}`),
    );
    expect(upward).toEqual([]);
  });

  it("catches an upward import", () => {
    // The check itself, on a made-up order where orders sits below inventory: inventory's imports of
    // catalog are fine, but orders (which imports inventory) would be flagged.
    const order = ["catalog", "orders", "inventory"];
    const flagged = importsOf("orders").filter(
      ({ imported }) => order.includes(imported) && order.indexOf(imported) > order.indexOf("orders"),
    );
    expect(flagged.map((f) => f.imported)).toContain("inventory");
  });
});
