import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { feedKinds } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import {
  connectionModes,
  connectionView,
  deleteConnection,
  getConnection,
  listConnections,
  listPreviews,
  modeHistory,
  updateConnection,
} from "../connections/index.ts";
import { createConnection, switchConnectionMode } from "./connection-setup.ts";
import { listDrift } from "./drift.ts";
import { onboardingOptionsSchema } from "./onboarding.ts";
import { onboardingView } from "./onboarding-view.ts";
import { pendingItems, pendingSummary } from "./outbox.ts";
import { pairingSchemas, pairingSettingsSchema } from "./pairing-schemas.ts";
import { kickDrain } from "./pump.ts";
import {
  createConnectionResponse,
  getConnectionPendingResponse,
  getConnectionResponse,
  listConnectionDriftResponse,
  listConnectionModeChangesResponse,
  listConnectionPreviewsResponse,
  listConnectionsResponse,
  listPlatformsResponse,
  setConnectionModeResponse,
  updateConnectionResponse,
} from "./response-schemas.ts";
import { registerWebhooksFor, webhooksNotRegistered } from "./webhook-registration.ts";

const idParams = z.object({ id: z.uuid() });

export function registerConnectionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // Built once per hub: the registry does not change while it runs.
  const platforms = Object.entries(ctx.connectors).map(([platform, c]) => ({
    platform,
    displayName: c.displayName,
    capabilities: c.capabilities,
    ...pairingSchemas(c),
  }));

  app.get(
    "/platforms",
    {
      schema: {
        operationId: "listPlatforms",
        tags: ["connections"],
        summary:
          "Platforms the hub can connect to: capabilities, and JSON Schemas of the credentials and settings a pairing sends",
        response: { 200: listPlatformsResponse },
      },
    },
    async () => ({ items: platforms }),
  );

  app.get(
    "/connections",
    {
      schema: {
        operationId: "listConnections",
        tags: ["connections"],
        summary: "Connections of the account (credentials never included)",
        response: { 200: listConnectionsResponse },
      },
    },
    async (request) => ({
      items: (await listConnections(ctx.db, principalOf(request).accountId)).map(connectionView),
    }),
  );

  app.post(
    "/connections",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createConnection",
        tags: ["connections"],
        summary:
          "Pair a platform: credentials are checked against it, stored encrypted, and the connection starts in test mode",
        body: z.strictObject({
          platform: z.string().min(1).max(50),
          name: z.string().trim().min(1).max(200),
          credentials: z.record(z.string(), z.unknown()),
          settings: pairingSettingsSchema.optional(),
          onboarding: z
            .union([z.literal(false), onboardingOptionsSchema])
            .optional()
            .describe(
              "Channels onboard on pairing: products, then 90 days of orders, then stock (only while the account holds none, unless initialStock says otherwise). false pairs a bare connection.",
            ),
        }),
        response: {
          201: createConnectionResponse,
          ...problems({
            400: [
              "platform_unknown",
              "credentials_invalid",
              "invalid_api_url",
              "invalid_shop_domain",
              "platform_url_not_allowed",
            ],
            409: ["connection_name_taken", "web_connector_user_taken"],
            422: ["credentials_rejected", "connector_incomplete"],
          }),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const connection = await createConnection(ctx, p.accountId, request.body, p.user.email);
      const webhooks = await registerWebhooksFor(ctx, connection);
      const onboarding = await onboardingView(ctx.db, connection.id);
      return reply.code(201).send({ ...connectionView(connection), webhooks, onboarding });
    },
  );

  app.get(
    "/connections/:id",
    {
      schema: {
        operationId: "getConnection",
        tags: ["connections"],
        summary: "One connection, with its onboarding and the backfill's progress",
        params: idParams,
        response: { 200: getConnectionResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      const notRegistered = await webhooksNotRegistered(ctx, c);
      return {
        ...connectionView(c),
        onboarding: await onboardingView(ctx.db, c.id),
        ...(notRegistered ? { webhooks: { registered: false, error: notRegistered } } : {}),
      };
    },
  );

  app.patch(
    "/connections/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateConnection",
        tags: ["connections"],
        summary: "Rename, change settings, or replace credentials (checked against the platform again)",
        params: idParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          credentials: z.record(z.string(), z.unknown()).optional(),
          settings: pairingSettingsSchema.optional(),
        }),
        response: {
          200: updateConnectionResponse,
          ...problems({
            400: ["credentials_invalid", "platform_url_not_allowed"],
            404: ["connection_not_found"],
            409: ["connection_name_taken", "web_connector_user_taken"],
            422: ["credentials_rejected"],
          }),
        },
      },
    },
    async (request) => {
      const connection = await updateConnection(
        ctx,
        principalOf(request).accountId,
        request.params.id,
        request.body,
      );
      // New credentials may end a disconnection: what waited for them goes out now, not at the tick.
      if (request.body.credentials !== undefined) await kickDrain(ctx, connection.id);
      return connectionView(connection);
    },
  );

  app.delete(
    "/connections/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "deleteConnection",
        tags: ["connections"],
        summary: "Remove a connection and its feeds, runs and queue",
        params: idParams,
        response: { 204: noContent, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request, reply) => {
      await deleteConnection(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/connections/:id/mode",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "setConnectionMode",
        tags: ["connections"],
        summary: "Switch between test (inbound only), shadow (outbound recorded as previews) and live",
        params: idParams,
        body: z.strictObject({ mode: z.enum(connectionModes) }),
        response: { 200: setConnectionModeResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { connection, changed, queuedPushes } = await switchConnectionMode(
        ctx.db,
        p.accountId,
        request.params.id,
        request.body.mode,
        p.user.email,
      );
      // The held rows were queued straight into the outbox (no event for the pump to see), so the
      // drain is kicked here; otherwise they wait for the minute tick's sweep.
      if (queuedPushes > 0) await kickDrain(ctx, connection.id);
      return { ...connectionView(connection), changed, queuedPushes };
    },
  );

  app.get(
    "/connections/:id/mode-history",
    {
      schema: {
        operationId: "listConnectionModeChanges",
        tags: ["connections"],
        summary: "Who switched the mode, and when",
        params: idParams,
        response: { 200: listConnectionModeChangesResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => ({
      items: await modeHistory(ctx.db, principalOf(request).accountId, request.params.id),
    }),
  );

  app.get(
    "/connections/:id/pending",
    {
      schema: {
        operationId: "getConnectionPending",
        tags: ["connections"],
        summary: "The pending queue: outbound work waiting for the platform",
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: getConnectionPendingResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      const summary = await pendingSummary(ctx.db, c.id);
      const items = await pendingItems(ctx.db, c.id, request.query.limit);
      return {
        count: summary.count,
        retrying: summary.retrying,
        oldestAgeSeconds: summary.oldest
          ? Math.round((Date.now() - new Date(summary.oldest).getTime()) / 1000)
          : null,
        items: items.map((i) => ({
          kind: i.kind,
          sku: i.sku,
          subjectId: i.subjectId,
          attempts: i.attempts,
          lastError: i.lastError,
          enqueuedAt: i.enqueuedAt.toISOString(),
          nextAttemptAt: i.nextAttemptAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    "/connections/:id/previews",
    {
      schema: {
        operationId: "listConnectionPreviews",
        tags: ["connections"],
        summary: "What a shadow-mode connection would have sent",
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: listConnectionPreviewsResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      return { items: await listPreviews(ctx.db, c.id, request.query.limit) };
    },
  );

  app.get(
    "/connections/:id/drift",
    {
      schema: {
        operationId: "listConnectionDrift",
        tags: ["connections"],
        summary: "Differences found by the latest stock check",
        params: idParams,
        querystring: pageQuery,
        response: {
          200: listConnectionDriftResponse,
          ...problems({ 400: ["invalid_cursor"], 404: ["connection_not_found"] }),
        },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      const after = decodeCursor(request.query.cursor, cursorShapes.serial);
      const rows = await listDrift(ctx.db, c.id, request.query.limit, after?.v);
      return pageOf(rows, request.query.limit, (r) => ({ v: r.id, id: String(r.id) }));
    },
  );
}

export const feedKindParam = z.enum(feedKinds);
