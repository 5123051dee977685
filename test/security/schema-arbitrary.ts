import fc from "fast-check";
import type { JsonSchema } from "../helpers/body-id-fixtures.ts";

/** The JSON-schema keywords the OpenAPI document of the hub uses (zod 4 through fastify-type-provider-zod). */
export type Schema = JsonSchema & {
  enum?: unknown[];
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

export type ArbitraryOptions = {
  /** Ids worth trying wherever a uuid goes: the caller's own, another account's. */
  ids: string[];
  /** Text worth trying wherever a string goes (an existing SKU, a platform name), so requests get past validation. */
  samples: string[];
  /** Values to slip in, now and then, wherever a string goes. */
  hostile: fc.Arbitrary<string>;
};

/** Bounded so a run stays small: collections of a few entries, strings of a few dozen characters. */
const MAX_ITEMS = 3;
const MAX_TEXT = 40;

/**
 * Values for a schema: mostly ones it accepts (so the request reaches the handler), some it does
 * not (types, bounds), and hostile strings wherever text goes.
 */
export function arbitraryFor(schema: Schema | undefined, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const valid = validFor(schema ?? {}, options);
  return fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });
}

function validFor(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const base = baseFor(schema, options);
  return schema.nullable ? fc.option(base, { nil: null, freq: 8 }) : base;
}

function baseFor(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validFor(b, options)));
  switch (schema.type) {
    case "string":
      return fc.oneof(
        { arbitrary: textFor(schema, options), weight: 12 },
        { arbitrary: fc.constantFrom(...options.samples), weight: 4 },
        { arbitrary: options.hostile, weight: 1 },
      );
    case "integer":
    case "number":
      return numberFor(schema);
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor(schema.items, options), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case "object":
      return objectFor(schema, options);
    default:
      // No type: a coerced value such as a date, which arrives as text or a number.
      return fc.oneof(
        {
          arbitrary: fc
            .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString()),
          weight: 12,
        },
        {
          arbitrary: fc.constantFrom(
            "2024-02-30",
            "0000-01-01",
            "+275760-09-13T00:00:00.000Z",
            "yesterday",
            "",
          ),
          weight: 1,
        },
        { arbitrary: fc.integer(), weight: 1 },
        { arbitrary: options.hostile, weight: 1 },
      );
  }
}

function textFor(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<string> {
  if (schema.format === "uuid") {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...options.ids), weight: 4 },
      { arbitrary: fc.uuid(), weight: 1 },
    );
  }
  if (schema.format === "email") return fc.emailAddress();
  if (schema.format === "uri") return fc.webUrl();
  if (schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$") {
    return fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? MAX_TEXT, MAX_TEXT)),
  });
}

function numberFor(schema: Schema): fc.Arbitrary<number> {
  const exclusive = schema.exclusiveMinimum === true ? 1 : 0;
  const min = Math.max((schema.minimum ?? -1_000_000) + exclusive, -2_147_483_648);
  const max = Math.min(schema.maximum ?? 1_000_000, 2_147_483_647);
  const edges = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined);
  const integers = fc.integer({ min: Math.min(min, max), max });
  return edges.length > 0 ? fc.oneof(integers, fc.constantFrom(...edges)) : integers;
}

function objectFor(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryFor(v, options)])),
    { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
  );
  if (typeof schema.additionalProperties !== "object") return record;
  const extra = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), options.hostile),
    arbitraryFor(schema.additionalProperties, options),
    { maxKeys: MAX_ITEMS },
  );
  return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
}
