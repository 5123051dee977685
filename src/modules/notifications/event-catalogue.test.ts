import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventCatalogue } from "./event-catalogue.ts";

const SRC = join(import.meta.dirname, "../..");

/** The type string of every `defineEvent("…", …)` in src/ outside tests, with the file it is in. */
function declaredEvents(): { type: string; file: string }[] {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  return files.flatMap((file) =>
    [...readFileSync(join(SRC, file), "utf8").matchAll(/defineEvent\(\s*"([^"]+)"/g)].map((m) => ({
      type: m[1]!,
      file,
    })),
  );
}

// appendEvents takes only what a definition's `of` made (define-event.ts), so every event appended
// anywhere is declared by a defineEvent; these checks tie the declarations to the catalogue.
describe("event catalogue", () => {
  const declared = declaredEvents();

  it("finds the producers' declarations", () => {
    expect(declared.map((d) => d.type)).toContain("order.imported");
    expect(declared.map((d) => d.type)).toContain("stock.changed");
  });

  it("declares each event type once in all of src/", () => {
    const seen = new Map<string, string[]>();
    for (const d of declared) seen.set(d.type, [...(seen.get(d.type) ?? []), d.file]);
    expect([...seen].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it("lists every declared event, and nothing else, once", () => {
    const listed = eventCatalogue.map((e) => e.type);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(declared.map((d) => d.type).sort());
  });
});
