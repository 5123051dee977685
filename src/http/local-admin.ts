import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/engine.ts";
import { AppError } from "../lib/errors.ts";
import { tokenCreate, userCreate } from "../modules/accounts/admin-ops.ts";
import { userRoles } from "../modules/accounts/schema.ts";

/**
 * Routes the CLI uses while `serve` holds the embedded database. Hidden from the OpenAPI document;
 * they answer only a caller that read the admin key from the data dir.
 */
export function registerLocalAdmin(root: FastifyInstance, db: Db, adminKey: string): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const expected = Buffer.from(adminKey);
  const guard = { public: true } as const;
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/internal/cli/")) return;
    const given = Buffer.from(String(request.headers["x-stockwire-admin-key"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError("not_found", "route_not_found", "not found");
    }
  });
  app.post(
    "/internal/cli/user-create",
    {
      config: guard,
      schema: {
        hide: true,
        body: z.object({
          account: z.string().min(1),
          email: z.string(),
          password: z.string(),
          role: z.enum(userRoles).optional(),
          name: z.string().optional(),
        }),
      },
    },
    async (request) => userCreate(db, request.body),
  );
  app.post(
    "/internal/cli/token-create",
    {
      config: guard,
      schema: { hide: true, body: z.object({ email: z.string(), name: z.string().optional() }) },
    },
    async (request) => tokenCreate(db, request.body),
  );
}
