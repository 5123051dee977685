import { z } from "zod";

/** Zod pieces a platform's answers repeat; its own `schemas.ts` names the fields it reads. */

/** Optional text fields that may come null: an address, a billing block. */
export const nullableTexts = <K extends string>(...names: K[]) =>
  z.object(
    Object.fromEntries(names.map((name) => [name, z.string().nullish()])) as {
      [P in K]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    },
  );

/** Money or decimals sent as text or as a number, kept as text (parsed exactly later). */
export const decimalText = z.union([z.string(), z.number()]).transform((v) => String(v));
