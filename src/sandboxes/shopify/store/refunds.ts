import { InventoryBatch, levelAt } from "./inventory.ts";
import { orderTotals, unfulfilledQuantity } from "./order-math.ts";
import { type DomainResult, domainError, fail, ok } from "./result.ts";
import type { Store } from "./store.ts";
import { touchOrder } from "./touch.ts";
import type { LineItem, Order, Refund, RefundLine, RestockType, Variant } from "./types.ts";

export interface RefundLineRequest {
  readonly line: LineItem;
  readonly quantity: number;
  readonly restockType: RestockType;
  readonly locationId: number | null;
}

export interface RefundRecordInput {
  readonly lines: readonly RefundLineRequest[];
  readonly note: string | null;
  readonly shippingCents: number;
  /** Amount actually returned to the buyer; null = the refunded lines plus shipping. */
  readonly amountCents: number | null;
  readonly at: number;
}

function levelForLine(store: Store, line: LineItem, locationId: number) {
  if (line.variantId === null) return undefined;
  const item = store.itemOfVariant(store.variantsById.get(line.variantId) as Variant);
  return item.tracked ? levelAt(item, locationId) : undefined;
}

/** Releases unshipped units of a line from `committed`, back to `available` unless NO_RESTOCK. */
export function removeUnshipped(store: Store, batch: InventoryBatch, request: RefundLineRequest): void {
  const { line, quantity } = request;
  line.removedQuantity += quantity;
  const level = levelForLine(store, line, line.locationId);
  if (!level) return;
  if (request.restockType === "NO_RESTOCK") batch.change(level, "committed", -quantity);
  else batch.move(level, "committed", "available", quantity);
}

/**
 * Records a refund and its stock effect. RETURN takes shipped units first (they come
 * back to `available`); the other restock types take unshipped units first (they leave
 * `committed`). Nothing is ever taken off `available` twice.
 */
export function createRefundRecord(store: Store, order: Order, input: RefundRecordInput): Refund {
  const batch = new InventoryBatch(store, input.at);
  const lines: RefundLine[] = input.lines.map((request) => {
    const { line, quantity, restockType } = request;
    const shipped = line.fulfilledQuantity - line.returnedQuantity;
    const unshipped = unfulfilledQuantity(line);
    const fromShipped =
      restockType === "RETURN" ? Math.min(quantity, shipped) : quantity - Math.min(quantity, unshipped);
    const fromUnshipped = quantity - fromShipped;
    if (fromUnshipped > 0) removeUnshipped(store, batch, { ...request, quantity: fromUnshipped });
    if (fromShipped > 0) {
      line.returnedQuantity += fromShipped;
      const level = levelForLine(store, line, request.locationId ?? line.locationId);
      if (level && restockType !== "NO_RESTOCK") batch.change(level, "available", fromShipped);
    }
    return {
      id: store.nextId("RefundLineItem"),
      lineItemId: line.id,
      quantity,
      restockType,
      restocked: restockType !== "NO_RESTOCK",
      locationId: restockType === "NO_RESTOCK" ? null : (request.locationId ?? line.locationId),
      subtotalCents: Math.round(
        ((line.priceCents * line.quantity - line.discountCents) * quantity) / line.quantity,
      ),
      taxCents: Math.round((line.taxCents * quantity) / line.quantity),
    };
  });
  const linesTotal = lines.reduce((sum, line) => sum + line.subtotalCents + line.taxCents, 0);
  const totalCents = input.amountCents ?? linesTotal + input.shippingCents;
  const refund: Refund = {
    kind: "Refund",
    id: store.nextId("Refund"),
    orderId: order.id,
    createdAt: input.at,
    note: input.note,
    lines,
    shippingCents: input.shippingCents,
    totalCents,
    transactions:
      totalCents > 0
        ? [
            {
              kind: "OrderTransaction",
              id: store.nextId("OrderTransaction"),
              transactionKind: "REFUND",
              gateway: order.gateway,
              amountCents: totalCents,
              status: "SUCCESS",
              processedAt: input.at,
            },
          ]
        : [],
  };
  order.refunds.push(refund);
  store.refundsById.set(refund.id, refund);
  batch.finish();
  return refund;
}

export interface RefundRequest {
  readonly lines: readonly {
    lineItemId: number;
    quantity: number;
    restockType: RestockType;
    locationId: number | null;
  }[];
  readonly note: string | null;
  readonly shippingCents: number;
  readonly amountCents: number | null;
}

export function createRefund(
  store: Store,
  order: Order,
  request: RefundRequest,
  at: number,
): DomainResult<Refund> {
  const errors = [];
  const lines: RefundLineRequest[] = [];
  for (const [index, wanted] of request.lines.entries()) {
    const field = ["refundLineItems", String(index)];
    const line = order.lineItems.find((candidate) => candidate.id === wanted.lineItemId);
    if (!line) {
      errors.push(
        domainError("INVALID", "Line item does not belong to this order.", [...field, "lineItemId"]),
      );
      continue;
    }
    const refundable = line.quantity - line.removedQuantity - line.returnedQuantity;
    if (wanted.quantity < 1 || wanted.quantity > refundable) {
      errors.push(
        domainError(
          "INVALID",
          `Quantity cannot refund more items than were purchased (${refundable} left).`,
          [...field, "quantity"],
        ),
      );
      continue;
    }
    if (wanted.locationId !== null && !store.location(wanted.locationId)) {
      errors.push(domainError("INVALID", "Location does not exist.", [...field, "locationId"]));
      continue;
    }
    lines.push({
      line,
      quantity: wanted.quantity,
      restockType: wanted.restockType,
      locationId: wanted.locationId,
    });
  }
  if (errors.length > 0) return fail(errors);
  const refund = createRefundRecord(store, order, { ...request, lines, at });
  const totals = orderTotals(order);
  if (totals.refunded > 0) {
    order.financialStatus = totals.refunded >= totals.total ? "REFUNDED" : "PARTIALLY_REFUNDED";
  }
  touchOrder(store, order, at);
  store.emit({ topic: "refunds/create", order, refund });
  store.emit({ topic: "orders/updated", order });
  return ok(refund);
}
