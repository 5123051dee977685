import type { FastifyInstance } from "fastify";
import { registerApiGuard } from "./api-guard.ts";
import { executeBatch } from "./batch.ts";
import { changeDataCapture } from "./cdc.ts";
import { faults } from "./faults.ts";
import { isClientError, queryParam, sendFault, sendQbo, toFault } from "./http-util.ts";
import { kindForResource } from "./kinds/index.ts";
import { assertOffered, postEntity, readEntity } from "./operations.ts";
import { executeQuery } from "./query-exec.ts";
import { parseQuery } from "./query-parser.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { isRecord } from "./types.ts";

interface EntityParams {
  realmId: string;
  resource: string;
  id?: string;
}

function unsupported(path: string) {
  return faults.unsupportedOperation(
    `Operation Could not find resource for relative : ${path} is not supported.`,
  );
}

/** The Accounting API v3 data service under `/v3/company/:realmId`. */
export function registerApiRoutes(app: FastifyInstance, state: SandboxState): void {
  registerApiGuard(app, state);

  app.setErrorHandler((error, _request, reply) => {
    const fault = toFault(error, () =>
      isClientError(error) ? faults.invalidProperty(`request body (${error.message})`) : faults.system(),
    );
    return sendFault(reply, state, fault);
  });

  const runQuery = (text: string | undefined) => {
    if (!text) throw faults.requiredParam("query");
    return executeQuery(parseQuery(text), state.store);
  };

  app.get("/query", async (request, reply) =>
    sendQbo(reply, state, 200, runQuery(queryParam(request, "query"))),
  );

  // Intuit also takes the statement as the body of a POST with Content-Type application/text, or in
  // the URL with an empty body of any type.
  app.post("/query", async (request, reply) => {
    const body = typeof request.body === "string" ? request.body.trim() : "";
    const text = body !== "" ? body : queryParam(request, "query");
    return sendQbo(reply, state, 200, runQuery(text));
  });

  app.get("/cdc", async (request, reply) =>
    sendQbo(
      reply,
      state,
      200,
      changeDataCapture(
        state.store,
        state.clock,
        queryParam(request, "entities"),
        queryParam(request, "changedSince"),
      ),
    ),
  );

  app.post("/batch", async (request, reply) =>
    sendQbo(
      reply,
      state,
      200,
      executeBatch(state.context(), request.body, state.limiter.settings().maxBatchItems),
    ),
  );

  // Preferences are read without an id: GET /preferences.
  app.get("/preferences", async (_request, reply) => {
    const [preferences] = state.store.list("Preferences");
    if (!preferences) throw faults.objectNotFound();
    return sendQbo(reply, state, 200, { Preferences: preferences });
  });

  app.get<{ Params: EntityParams }>("/:resource/:id", async (request, reply) => {
    const kind = kindForResource(request.params.resource);
    if (!kind || !request.params.id) throw unsupported(request.url.split("?")[0] ?? "");
    assertOffered(state.context(), kind);
    // CompanyInfo is documented as read by realm id: GET /companyinfo/<realmId>.
    const id =
      kind.name === "CompanyInfo" && request.params.id === state.config.realmId ? "1" : request.params.id;
    return sendQbo(reply, state, 200, { [kind.name]: readEntity(state.context(), kind, id) });
  });

  app.post<{ Params: EntityParams }>("/:resource", async (request, reply) => {
    const kind = kindForResource(request.params.resource);
    if (!kind) throw unsupported(request.url.split("?")[0] ?? "");
    const body = request.body;
    if (body !== undefined && !isRecord(body)) throw faults.invalidProperty("body");
    const result = postEntity(
      state.context(),
      kind,
      body,
      queryParam(request, "operation"),
      queryParam(request, "include"),
    );
    return sendQbo(reply, state, 200, { [kind.name]: result });
  });

  app.all("/*", async (request) => {
    throw unsupported(request.url.split("?")[0] ?? "");
  });
}
