import type { FastifyInstance, FastifyRequest } from "fastify";
import { invalid } from "../lib/errors.ts";

/** Deeper JSON than this is refused: no request needs it, and recursive code downstream would overflow. */
export const MAX_INPUT_DEPTH = 32;

type Finding = { path: string; problem: string; tooDeep?: true };

/**
 * Refuses, before any schema runs, input no route can store: NUL characters (PostgreSQL text and
 * jsonb reject them, which surfaced as a 500) in keys or values of the path parameters, query and
 * body, and nesting deep enough to overflow the stack of whatever walks it later.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request: FastifyRequest) => {
    const finding =
      scan(request.params, "params") ?? scan(request.query, "query") ?? scan(request.body, "body");
    if (finding) {
      const { path, problem } = finding;
      const details = { errors: [{ path, message: problem }] };
      throw finding.tooDeep
        ? invalid("input_too_deep", `${path}: ${problem}`, details)
        : invalid("nul_character", `${path}: ${problem}`, details);
    }
  });
}

/** Iterative, so a hostile depth cannot exhaust the stack here either. */
function scan(root: unknown, rootPath: string): Finding | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: rootPath, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { path, problem: "must not contain NUL characters" };
      continue;
    }
    // Raw bodies (webhooks verify a signature over the exact bytes) are not text to store.
    if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { path, problem: `nested deeper than ${MAX_INPUT_DEPTH} levels`, tooDeep: true };
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) return { path, problem: "keys must not contain NUL characters" };
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
