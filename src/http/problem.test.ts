import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { AppError } from "../lib/errors.ts";
import { registerProblemHandlers } from "./problem.ts";

async function answerTo(error: Error) {
  const app = Fastify({ logger: false });
  registerProblemHandlers(app);
  app.get("/x", async () => {
    throw error;
  });
  const res = await app.inject({ url: "/x" });
  await app.close();
  return res;
}

describe("problem answers", () => {
  it("says 503 database_unavailable with Retry-After when the database cannot be reached", async () => {
    for (const error of [
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      new Error("Connection terminated unexpectedly"),
      Object.assign(new Error("the database system is shutting down"), { code: "57P03" }),
      new Error("Failed query: select 1", { cause: new Error("Query read timeout") }),
    ]) {
      const res = await answerTo(error);
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.json()).toMatchObject({ code: "database_unavailable", status: 503 });
      expect(res.body).not.toContain("ECONNRESET");
    }
  });

  it("keeps a bug a 500 that tells nothing of its cause", async () => {
    const res = await answerTo(new Error("undefined is not a function at secret.ts:12"));
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: "internal_error" });
    expect(res.body).not.toContain("secret.ts");
  });

  it("passes an AppError's status and code through", async () => {
    const res = await answerTo(new AppError("not_found", "product_not_found", "no such product"));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "product_not_found", detail: "no such product" });
  });
});
