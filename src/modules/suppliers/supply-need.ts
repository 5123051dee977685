/** What one product's purchase suggestion is computed from (issue 22, "Supply needs"). */
export type NeedInput = {
  /** The planner's average daily sales. */
  salesPerDay: number;
  /** The link's lead time, else the supplier's default; days. */
  leadTimeDays: number;
  safetyDays: number;
  /** Days of sales one order should cover beyond the reorder point (the review period). */
  reviewDays: number;
  available: number;
  onOrder: number;
  minOrderQuantity: number;
  orderMultiple: number;
};

export type Need = {
  reorderPoint: number;
  /** Units to order: 0, or at least the minimum and a whole multiple. */
  quantity: number;
  /** The arithmetic in words, so a merchant can check the suggestion (user complaint 12). */
  explanation: string;
};

const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * reorder point = sales/day × (lead time + safety days), rounded;
 * need = reorder point + sales/day × review period − available − on order;
 * a positive need is rounded up to the supplier's multiple, and to at least its minimum.
 */
export function supplyNeed(i: NeedInput): Need {
  const reorderPoint = Math.round(i.salesPerDay * (i.leadTimeDays + i.safetyDays));
  const cover = i.salesPerDay * i.reviewDays;
  const raw = reorderPoint + cover - i.available - i.onOrder;
  const multiple = Math.max(1, i.orderMultiple);
  const quantity = raw > 0 ? Math.ceil(Math.max(raw, i.minOrderQuantity) / multiple) * multiple : 0;
  const parts = [
    `sells ${units(Math.round(i.salesPerDay * 10) / 10)}/day`,
    `${i.leadTimeDays} days' lead + ${i.safetyDays} safety → reorder at ${reorderPoint}` +
      (i.reviewDays > 0 ? `, + ${i.reviewDays} days' cover (${units(Math.round(cover * 10) / 10)})` : ""),
    `${i.available} available, ${i.onOrder} on order → ${quantity > 0 ? `order ${quantity}` : "nothing to order"}`,
  ];
  const rounding =
    quantity > 0 && quantity !== Math.ceil(raw)
      ? ` (${Math.ceil(raw)} rounded up to ${raw < i.minOrderQuantity ? `the minimum of ${i.minOrderQuantity}` : ""}${
          raw < i.minOrderQuantity && multiple > 1 ? " and " : ""
        }${multiple > 1 ? `a multiple of ${multiple}` : ""})`
      : "";
  return { reorderPoint, quantity, explanation: parts.join("; ") + rounding };
}
