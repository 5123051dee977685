import { describe, expect, it } from "vitest";
import { serializeError } from "./error-serializer.ts";

/** Shaped like drizzle's DrizzleQueryError around a driver error, with the values of the insert. */
function failedInsert() {
  const driver = Object.assign(
    new Error('duplicate key value violates unique constraint "users_email_key"'),
    {
      code: "23505",
      constraint: "users_email_key",
      detail: "Key (lower(email))=(ann@example.com) already exists.",
      where: "SQL statement with ann@example.com",
    },
  );
  const params = ["ann@example.com", "scrypt$1$2$3$salt$hash"];
  return Object.assign(new Error(`Failed query: insert into users values ($1, $2)\nparams: ${params}`), {
    query: "insert into users values ($1, $2)",
    params,
    cause: driver,
  });
}

describe("serializeError", () => {
  it("keeps the reason and the statement but none of its values, causes included", () => {
    const out = JSON.stringify(serializeError(failedInsert()));
    expect(out).toContain("users_email_key");
    expect(out).toContain("insert into users values ($1, $2)");
    expect(out).not.toContain("ann@example.com");
    expect(out).not.toContain("scrypt$");
  });

  it("cleans errors nested in an AggregateError and leaves non-errors alone", () => {
    const out = JSON.stringify(serializeError(new AggregateError([failedInsert()], "several failed")));
    expect(out).toContain("several failed");
    expect(out).toContain("users_email_key");
    expect(out).not.toContain("scrypt$");
    expect(serializeError("plain text")).toBe("plain text");
  });
});
