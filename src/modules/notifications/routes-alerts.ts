import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { alertEventTypes, alertFields } from "./alert-fields.ts";
import {
  type CustomAlert,
  createAlert,
  deleteAlert,
  getAlert,
  listAlerts,
  testAlert,
  updateAlert,
} from "./custom-alerts.ts";
import {
  createCustomAlertResponse,
  getCustomAlertResponse,
  listCustomAlertEventsResponse,
  listCustomAlertsResponse,
  testCustomAlertResponse,
  updateCustomAlertResponse,
} from "./response-schemas.ts";

const idParams = z.object({ id: z.uuid() });
const alertBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  eventType: z.enum(alertEventTypes),
  condition: z.unknown().optional(),
  template: z.string().min(1).max(5000),
  recipients: z.strictObject({
    emails: z.string().max(5000).optional(),
    owner: z.boolean().optional(),
    customer: z.boolean().optional(),
    webhookIds: z.array(z.uuid()).max(20).optional(),
  }),
  enabled: z.boolean().optional(),
});

const view = (a: CustomAlert) => ({
  id: a.id,
  name: a.name,
  eventType: a.eventType,
  condition: a.condition ?? null,
  template: a.template,
  recipients: a.recipients,
  enabled: a.enabled,
  createdAt: a.createdAt.toISOString(),
});

export function registerAlertRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["custom alerts"];

  app.get(
    "/custom-alerts/events",
    {
      schema: {
        operationId: "listCustomAlertEvents",
        tags,
        summary: "Events an alert can watch and the fields each offers",
        response: { 200: listCustomAlertEventsResponse },
      },
    },
    async () => ({
      items: alertEventTypes.map((type) => ({
        type,
        fields: alertFields(type).map((f) => f.name),
        fieldTypes: Object.fromEntries(alertFields(type).map(({ name, ...kind }) => [name, kind])),
      })),
    }),
  );
  app.get(
    "/custom-alerts",
    {
      schema: {
        operationId: "listCustomAlerts",
        tags,
        summary: "Custom alerts",
        response: { 200: listCustomAlertsResponse },
      },
    },
    async (request) => ({
      items: (await listAlerts(ctx.db, principalOf(request).accountId)).map(view),
    }),
  );
  app.post(
    "/custom-alerts",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createCustomAlert",
        tags,
        summary: "Define an alert (condition and template checked against the event's fields)",
        body: alertBody,
        response: {
          201: createCustomAlertResponse,
          ...problems({
            400: [
              "condition_invalid",
              "condition_field_unknown",
              "template_field_unknown",
              "template_invalid",
              "recipients_missing",
            ],
          }),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(view(await createAlert(ctx.db, principalOf(request).accountId, request.body))),
  );
  app.get(
    "/custom-alerts/:id",
    {
      schema: {
        operationId: "getCustomAlert",
        tags,
        summary: "One custom alert",
        params: idParams,
        response: { 200: getCustomAlertResponse, ...problems({ 404: ["custom_alert_not_found"] }) },
      },
    },
    async (request) => view(await getAlert(ctx.db, principalOf(request).accountId, request.params.id)),
  );
  app.put(
    "/custom-alerts/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateCustomAlert",
        tags,
        summary: "Replace an alert's definition",
        params: idParams,
        body: alertBody,
        response: {
          200: updateCustomAlertResponse,
          ...problems({
            400: [
              "condition_invalid",
              "condition_field_unknown",
              "template_field_unknown",
              "template_invalid",
              "recipients_missing",
            ],
            404: ["custom_alert_not_found"],
          }),
        },
      },
    },
    async (request) =>
      view(await updateAlert(ctx.db, principalOf(request).accountId, request.params.id, request.body)),
  );
  app.delete(
    "/custom-alerts/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "deleteCustomAlert",
        tags,
        summary: "Delete an alert",
        params: idParams,
        response: { 204: noContent, ...problems({ 404: ["custom_alert_not_found"] }) },
      },
    },
    async (request, reply) => {
      await deleteAlert(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    "/custom-alerts/:id/test",
    {
      schema: {
        operationId: "testCustomAlert",
        tags,
        summary: "Render the alert against the most recent real event of its type (sends nothing)",
        params: idParams,
        response: {
          200: testCustomAlertResponse,
          ...problems({ 400: ["template_render_failed"], 404: ["custom_alert_not_found"] }),
        },
      },
    },
    async (request) => testAlert(ctx.db, principalOf(request).accountId, request.params.id),
  );
}
