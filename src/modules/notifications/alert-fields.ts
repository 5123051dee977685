import { z } from "zod";
import { productImported, productUpdated } from "../catalog/index.ts";
import { syncError } from "../connections/index.ts";
import type { EventDefinition } from "../events/index.ts";
import { stockChanged, stockOversold } from "../inventory/index.ts";
import {
  orderBackordered,
  orderImported,
  orderStatusChanged,
  refundRecorded,
  shipmentCreated,
} from "../orders/index.ts";
import { feedRunFinished } from "../sync/index.ts";

/** The events a custom alert may watch; their fields come from the events' own schemas. */
export const alertEvents = [
  orderImported,
  orderBackordered,
  orderStatusChanged,
  refundRecorded,
  shipmentCreated,
  stockChanged,
  stockOversold,
  feedRunFinished,
  syncError,
  productImported,
  productUpdated,
] as const;

export type AlertEventType = (typeof alertEvents)[number]["type"];
export const alertEventTypes: AlertEventType[] = alertEvents.map((e) => e.type);

/** `list`: an array (its elements are read with json-logic's `some`/`all` or a template loop). */
export type AlertFieldType = "string" | "number" | "boolean" | "date" | "enum" | "list";
export type AlertField = { name: string; type: AlertFieldType; values?: string[] };

/** Marks what a backfill brought; such events never reach an alert (consumer.ts), so no rule can use it. */
const NOT_FOR_ALERTS = new Set(["historical"]);

/**
 * The fields a payload schema offers a merchant, in the schema's order. Nested objects flatten to
 * dotted names (`counts.new`), which json-logic's `var` and Liquid both read. A field type with no
 * place here throws when the module loads, so a new event with such a field fails every test.
 */
export function fieldsOf(schema: z.ZodObject, prefix = ""): AlertField[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    if (prefix === "" && NOT_FOR_ALERTS.has(key)) return [];
    const name = `${prefix}${key}`;
    const inner = unwrap(field as z.ZodType);
    if (inner instanceof z.ZodObject) return fieldsOf(inner, `${name}.`);
    return [{ name, ...typeOf(inner, name) }];
  });
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return unwrap(schema.unwrap() as z.ZodType);
  return schema;
}

function typeOf(schema: z.ZodType, name: string): Omit<AlertField, "name"> {
  if (schema instanceof z.ZodStringFormat && (schema.format === "datetime" || schema.format === "date"))
    return { type: "date" };
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat) return { type: "string" };
  if (schema instanceof z.ZodNumber) return { type: "number" };
  if (schema instanceof z.ZodBoolean) return { type: "boolean" };
  if (schema instanceof z.ZodDate) return { type: "date" };
  if (schema instanceof z.ZodEnum) return { type: "enum", values: schema.options.map(String) };
  if (schema instanceof z.ZodArray) return { type: "list" };
  throw new Error(`alert field ${name}: no alert field type for a ${schema._zod.def.type} schema`);
}

const fieldsByType = new Map<string, AlertField[]>(
  alertEvents.map((e: EventDefinition) => [e.type, fieldsOf(e.schema)]),
);

/** The fields an alert on this event can use, with their types. */
export function alertFields(type: AlertEventType): AlertField[] {
  return fieldsByType.get(type) ?? [];
}

/** The top-level names a condition or template may start with (`counts` for `counts.new`). */
export function alertFieldRoots(type: AlertEventType): string[] {
  return [...new Set(alertFields(type).map((f) => f.name.split(".")[0]!))];
}
