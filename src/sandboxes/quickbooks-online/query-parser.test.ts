import { describe, expect, it } from "vitest";
import { QboFault } from "./faults.ts";
import { parseQuery } from "./query-parser.ts";

function parseError(query: string): { code?: string; detail?: string } {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QboFault) return { code: error.errors[0]?.code, detail: error.errors[0]?.Detail };
    throw error;
  }
  throw new Error(`expected "${query}" to fail`);
}

describe("parseQuery", () => {
  it("reads the documented incremental-sync query", () => {
    expect(
      parseQuery(
        "SELECT * FROM Item WHERE Type = 'Inventory' AND MetaData.LastUpdatedTime > '2025-06-01T00:00:00-07:00' ORDERBY MetaData.LastUpdatedTime STARTPOSITION 1 MAXRESULTS 1000",
      ),
    ).toEqual({
      count: false,
      entity: "Item",
      where: [
        { field: "Type", op: "=", value: "Inventory" },
        { field: "MetaData.LastUpdatedTime", op: ">", value: "2025-06-01T00:00:00-07:00" },
      ],
      orderBy: [{ field: "MetaData.LastUpdatedTime", descending: false }],
      startPosition: 1,
      maxResults: 1000,
    });
  });

  it("accepts lower-case keywords, COUNT(*), IN lists, LIKE, booleans and escaped quotes", () => {
    expect(parseQuery("select count(*) from Item where Active = true")).toMatchObject({
      count: true,
      where: [{ field: "Active", op: "=", value: true }],
    });
    expect(
      parseQuery("select * from Item where Sku in ('A-1', 'B-2') and Name like '%O\\'Brien%'").where,
    ).toEqual([
      { field: "Sku", op: "IN", value: ["A-1", "B-2"] },
      { field: "Name", op: "LIKE", value: "%O'Brien%" },
    ]);
    expect(
      parseQuery("SELECT * FROM Invoice WHERE TotalAmt >= 10.5 ORDER BY TxnDate DESC, Id").orderBy,
    ).toEqual([
      { field: "TxnDate", descending: true },
      { field: "Id", descending: false },
    ]);
  });

  it("answers QueryParserError (4000) for what the language does not have", () => {
    expect(parseError("SELECT * FROM Item WHERE Name = 'a' OR Name = 'b'")).toMatchObject({
      code: "4000",
      detail: expect.stringMatching(
        /^QueryParserError: Encountered " <IDENTIFIER> "OR "" at line 1, column 37/,
      ),
    });
    expect(parseError("SELECT Name FROM Item").code).toBe("4000");
    expect(parseError("SELECT * Item").code).toBe("4000");
    expect(parseError("SELECT * FROM Item WHERE Name = 'open").detail).toContain(
      "Unterminated string literal",
    );
    expect(parseError("SELECT * FROM Item MAXRESULTS ten").code).toBe("4000");
    expect(parseError("SELECT * FROM Item WHERE Name != 'x'").code).toBe("4000");
  });
});
