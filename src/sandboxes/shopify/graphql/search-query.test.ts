import { describe, expect, it } from "vitest";
import { compileSearch, type SearchFields, type SearchWarning } from "./search-match.ts";
import { parseSearchQuery } from "./search-query.ts";

interface Row {
  sku: string;
  updatedAt: number;
  status: string;
  tags: string[];
}

const fields: SearchFields<Row> = {
  sku: { type: "string", get: (row) => row.sku },
  updated_at: { type: "date", get: (row) => row.updatedAt },
  status: { type: "string", get: (row) => row.status },
  tag: { type: "string", get: (row) => row.tags },
};

const rows: Row[] = [
  { sku: "SKU-00001-BLK-M", updatedAt: Date.parse("2025-01-01T00:00:00Z"), status: "ACTIVE", tags: ["sale"] },
  { sku: "SKU-00002-RED-L", updatedAt: Date.parse("2025-06-01T12:00:00Z"), status: "DRAFT", tags: [] },
  {
    sku: "SKU-00003-BLK-S",
    updatedAt: Date.parse("2025-06-02T00:00:00Z"),
    status: "ACTIVE",
    tags: ["new", "sale"],
  },
];

function matching(query: string, warnings: SearchWarning[] = []): string[] {
  const predicate = compileSearch(parseSearchQuery(query), fields, (row) => [row.sku], warnings);
  return rows.filter(predicate).map((row) => row.sku);
}

describe("search query parser", () => {
  it("parses a field comparison with a quoted ISO date", () => {
    expect(parseSearchQuery("updated_at:>'2025-01-01T00:00:00Z'")).toEqual({
      kind: "term",
      field: "updated_at",
      comparator: ">",
      value: "2025-01-01T00:00:00Z",
      prefix: false,
    });
  });

  it("treats whitespace and AND alike and binds OR looser than AND", () => {
    const node = parseSearchQuery("status:active sku:a OR sku:b AND tag:x");
    expect(node.kind).toBe("or");
    if (node.kind !== "or") return;
    expect(node.children.map((child) => child.kind)).toEqual(["and", "and"]);
  });

  it("reads NOT, a leading minus, parentheses and prefix wildcards", () => {
    expect(parseSearchQuery("-status:draft").kind).toBe("not");
    expect(parseSearchQuery("NOT (sku:a OR sku:b)").kind).toBe("not");
    expect(parseSearchQuery("sku:SKU-0000*")).toMatchObject({ value: "SKU-0000", prefix: true });
  });
});

describe("search matching", () => {
  it("filters on dates with > and >= at second precision", () => {
    expect(matching("updated_at:>'2025-01-01T00:00:00Z'")).toEqual(["SKU-00002-RED-L", "SKU-00003-BLK-S"]);
    expect(matching("updated_at:>='2025-01-01T00:00:00Z'")).toHaveLength(3);
    expect(matching("updated_at:<2025-06-02")).toEqual(["SKU-00001-BLK-M", "SKU-00002-RED-L"]);
  });

  it("matches exact values case-insensitively, lists by any element, and prefixes", () => {
    expect(matching("sku:sku-00002-red-l")).toEqual(["SKU-00002-RED-L"]);
    expect(matching("tag:new")).toEqual(["SKU-00003-BLK-S"]);
    expect(matching("sku:SKU-0000*")).toHaveLength(3);
  });

  it("combines terms with AND, OR and NOT", () => {
    expect(matching("status:active AND tag:sale AND updated_at:>'2025-03-01T00:00:00Z'")).toEqual([
      "SKU-00003-BLK-S",
    ]);
    expect(matching("sku:SKU-00001-BLK-M OR status:draft")).toEqual(["SKU-00001-BLK-M", "SKU-00002-RED-L"]);
    expect(matching("-status:active")).toEqual(["SKU-00002-RED-L"]);
  });

  it("ignores unknown fields and reports them, as Shopify does", () => {
    const warnings: SearchWarning[] = [];
    expect(matching("colour:red", warnings)).toHaveLength(3);
    expect(warnings).toEqual([{ field: "colour", message: "Invalid search field for this query." }]);
  });

  it("matches bare words against the record text", () => {
    expect(matching("BLK")).toEqual(["SKU-00001-BLK-M", "SKU-00003-BLK-S"]);
  });
});
