import { z } from "zod";
import type { Connector } from "../../connectors/contract.ts";

/** Connection settings a pairing (and later an update) may set; the same for every platform today. */
export const pairingSettingsSchema = z.strictObject({
  locationWarehouses: z
    .record(z.string(), z.uuid())
    .meta({
      title: "Location → warehouse",
      description: "Which hub warehouse each of the platform's locations feeds (location id → warehouse id)",
    })
    .optional(),
  stockLocationId: z
    .string()
    .max(255)
    .meta({ title: "Stock location", description: "The platform location stock is written to" })
    .optional(),
  correctDrift: z
    .boolean()
    .meta({ title: "Correct drift", description: "Write the hub's stock back where the platform differs" })
    .optional(),
});

/** A JSON Schema (draft 2020-12) describing what a form must send, built from its zod schema. */
export type JsonSchema = Record<string, unknown>;

/**
 * What the pairing form needs for one platform: the credentials it asks for (titles, descriptions,
 * `format: "password"` on secrets, `readOnly` on fields the hub fills in) and the settings it may
 * add. The input side of the schema, since some connectors transform credentials after parsing
 * (the Web Connector's password is hashed).
 */
export function pairingSchemas(connector: Connector<unknown>): {
  credentialsSchema: JsonSchema;
  settingsSchema: JsonSchema;
} {
  return {
    credentialsSchema: z.toJSONSchema(connector.credentials, { io: "input" }) as JsonSchema,
    settingsSchema: z.toJSONSchema(pairingSettingsSchema, { io: "input" }) as JsonSchema,
  };
}
