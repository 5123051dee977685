import { z } from "zod";
import { defineEvent } from "../events/index.ts";

const productPayload = z.object({
  productId: z.string(),
  sku: z.string(),
  /** What brought it: "api" (the import endpoint), "import", or "connection:<id>" (a product feed). */
  source: z.string(),
});

export const productImported = defineEvent("product.imported", productPayload);
export const productUpdated = defineEvent("product.updated", productPayload);
