import type { Db } from "../../db/engine.ts";
import { applyMovements, type MovementInput } from "../inventory/index.ts";
import type { OrderInput } from "./order-input.ts";
import type { RefundInput } from "./refunds.ts";

export type ImportOutcome = "created" | "updated" | "unchanged" | "stale";
export type ImportOrderResult = { orderId: string; outcome: ImportOutcome; backordered: boolean };

/** The channel shipped everything still open itself; the id makes it happen once. */
export type ChannelShipment = { platformShipmentId: string; historical: boolean };
/** A refund the channel made; `historical` as for the order (sync/history.ts). */
export type ChannelRefund = RefundInput & { historical: boolean };

/** An order as a channel reports it, with what the channel already did to it. */
export type PageOrder = {
  input: OrderInput;
  shipped?: ChannelShipment | undefined;
  refunds?: readonly ChannelRefund[] | undefined;
};

/** What became of one of a page order's refunds: recorded, already recorded, or refused (`error`). */
export type RefundOutcome = {
  platformRefundId: string | undefined;
  historical: boolean;
  replayed: boolean;
  error?: { code: string; message: string };
};
export type PageOrderResult = ImportOrderResult & { refunds: RefundOutcome[] };

/** The error's code and words, for a refund the page could not record. */
export function refundError(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === "string" ? e.code : "refund_failed",
    message: typeof e.message === "string" ? e.message : String(error),
  };
}

/**
 * Ledger movements of a page, kept in the order they would have happened had each order's steps
 * run one after the other, and written together: `flush` before anything that reads or moves
 * stock on its own (a cancel, one order's shipment or refund), and once at the end.
 */
export class MovementQueue {
  private pending: MovementInput[] = [];

  constructor(
    private readonly tx: Db,
    private readonly accountId: string,
  ) {}

  push(...movements: MovementInput[]): void {
    this.pending.push(...movements);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const movements = this.pending;
    this.pending = [];
    await applyMovements(this.tx, this.accountId, movements);
  }
}
