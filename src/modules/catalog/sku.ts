/** SKUs are the join key across channels, books and suppliers: trimmed, case-sensitive, printable. */
export const SKU_MAX_LENGTH = 255;

export type SkuCheck = { ok: true; sku: string } | { ok: false; error: string };

export function normaliseSku(raw: unknown): SkuCheck {
  if (typeof raw !== "string" && typeof raw !== "number") return { ok: false, error: "SKU is missing" };
  const sku = String(raw).trim();
  if (sku === "") return { ok: false, error: "SKU is empty" };
  if (sku.length > SKU_MAX_LENGTH)
    return { ok: false, error: `SKU is longer than ${SKU_MAX_LENGTH} characters` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(sku)) return { ok: false, error: "SKU contains control characters" };
  return { ok: true, sku };
}
