import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "../helpers/hub.ts";

/**
 * The API contract (issue 23): every operation of the published document names itself, says what
 * it answers on success and how it refuses, under a declared tag, with the right security.
 */
type Operation = {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};
type Document = {
  tags?: { name: string; description?: string }[];
  servers?: { url: string }[];
  info: { license?: { name: string } };
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
};

let hub: TestHub;
let doc: Document;
let operations: { where: string; op: Operation }[];
beforeAll(async () => {
  hub = await startTestHub({ env: { PUBLIC_URL: "https://hub.example.com" } });
  doc = (await hub.app.inject({ url: "/api/openapi.json" })).json();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );
});
afterAll(() => hub?.close());

const offenders = (fails: (op: Operation) => boolean) =>
  operations.filter(({ op }) => fails(op)).map(({ where }) => where);

describe("the OpenAPI document", () => {
  it("gives every operation a unique operationId", () => {
    expect(offenders((op) => !op.operationId)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("describes every operation's success: a body schema, or a 204 without one", () => {
    const described = (op: Operation) =>
      Object.entries(op.responses).some(
        ([status, r]) =>
          /^2\d\d$/.test(status) &&
          // JSON for the API; a file download (the .qwc) declares its own media type.
          (status === "204" || Object.values(r.content ?? {}).some((media) => Boolean(media.schema))),
      );
    expect(offenders((op) => !described(op))).toEqual([]);
  });

  it("documents the 4xx problems of every operation, as problem+json with a code", () => {
    const problems = (op: Operation) =>
      Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
    expect(offenders((op) => problems(op).length === 0)).toEqual([]);
    expect(
      offenders((op) => problems(op).some(([, r]) => !r.content?.["application/problem+json"]?.schema)),
    ).toEqual([]);
    expect(doc.components.schemas.Problem).toMatchObject({ required: expect.arrayContaining(["code"]) });
  });

  it("declares, with a description, every tag an operation uses", () => {
    const declared = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
    expect(offenders((op) => !op.tags?.length || op.tags.some((t) => !declared.get(t)))).toEqual([]);
  });

  it("marks the routes that need no sign-in as public, and only those", () => {
    const publicOps = operations.filter(({ op }) => op.security?.length === 0).map(({ where }) => where);
    expect(publicOps).toEqual(
      expect.arrayContaining([
        "GET /api/v1/setup",
        "POST /api/v1/setup",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/logout",
      ]),
    );
    // Platforms sign their webhooks; health and metrics are for load balancers and scrapers; the
    // QuickBooks Web Connector signs in inside its SOAP calls.
    const publicPaths = /^(GET|POST) (\/api\/v1\/(setup|auth\/)|\/webhooks\/|\/healthz$|\/metrics$|\/qbwc$)/;
    expect(publicOps.filter((where) => !publicPaths.test(where))).toEqual([]);
    expect(doc.paths["/api/v1/me"]?.get?.responses["401"]).toBeDefined();
  });

  it("documents the QuickBooks Web Connector's SOAP service and WSDL as public XML operations", () => {
    const soap = doc.paths["/qbwc"]?.post as (Operation & { requestBody?: { content?: object } }) | undefined;
    expect(soap?.operationId).toBe("callWebConnector");
    expect(soap?.security).toEqual([]);
    expect(Object.keys(soap?.requestBody?.content ?? {})).toEqual(["text/xml"]);
    expect(Object.keys(soap?.responses["200"]?.content ?? {})).toEqual(["text/xml"]);
    const wsdl = doc.paths["/qbwc"]?.get;
    expect(wsdl?.operationId).toBe("getWebConnectorWsdl");
    expect(JSON.stringify(wsdl?.responses["404"])).toContain('"web_connector_not_served"');
  });

  it("documents the webhook receivers, health and metrics outside /api/v1, as public", () => {
    const receiver = doc.paths["/webhooks/{platform}/{connectionId}"]?.post;
    expect(receiver?.operationId).toBe("receiveWebhook");
    expect(receiver?.security).toEqual([]);
    expect(JSON.stringify(receiver?.responses["401"])).toContain('"bad_signature"');
    const health = doc.paths["/healthz"]?.get;
    expect(health?.security).toEqual([]);
    // Its 503 is the health body naming the failing part, not a problem.
    expect(Object.keys(health?.responses["503"]?.content ?? {})).toEqual(["application/json"]);
    const metrics = doc.paths["/metrics"]?.get;
    expect(Object.keys(metrics?.responses["200"]?.content ?? {})[0]).toMatch(/^text\/plain/);
  });

  it("names its server from PUBLIC_URL and carries a license", () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: "https://hub.example.com" })]);
    expect(doc.info.license?.name).toBe("MIT");
  });

  it("lists the route's own codes in the enum of its problem (a missing warehouse)", () => {
    const notFound = doc.paths["/api/v1/warehouses/{id}"]?.get?.responses["404"];
    expect(JSON.stringify(notFound)).toContain('"warehouse_not_found"');
  });
});
