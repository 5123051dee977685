/** What a channel connection sells (issue 22): the hub's own stock, plus or only suppliers' stock. */
export const stockPolicies = ["own", "own+suppliers", "suppliers"] as const;
export type StockPolicy = (typeof stockPolicies)[number];

/** Per supplier: units held back from what it reports (safety buffer), and the most offered. */
export type SupplierAllowance = { buffer: number; maximum: number | null };

/**
 * The quantity a channel is offered under its policy: own available, plus (or only) each
 * supplier's reported stock less its buffer, capped at its maximum, never below 0.
 */
export function offeredQuantity(
  policy: StockPolicy,
  ownAvailable: number,
  supplierStock: readonly { supplierId: string; quantity: number }[],
  allowances: ReadonlyMap<string, SupplierAllowance>,
): number {
  const own = Math.max(0, ownAvailable);
  if (policy === "own") return own;
  const fromSuppliers = supplierStock.reduce((sum, s) => {
    const allowance = allowances.get(s.supplierId) ?? { buffer: 0, maximum: null };
    const offered = Math.max(0, s.quantity - allowance.buffer);
    return sum + (allowance.maximum === null ? offered : Math.min(offered, allowance.maximum));
  }, 0);
  return policy === "suppliers" ? fromSuppliers : own + fromSuppliers;
}
