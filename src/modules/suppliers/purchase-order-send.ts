import type { AppContext } from "../../context.ts";
import { inTransaction } from "../../db/tx.ts";
import { productSkus } from "../catalog/index.ts";
import { canEmail, emailPurchaseOrder } from "./purchase-order-email.ts";
import { getPurchaseOrder, type PurchaseOrderWithLines, setStatus, wrongStatus } from "./purchase-orders.ts";
import { getSupplier } from "./suppliers.ts";

/**
 * draft → sent. When the supplier has an e-mail address and the hub an SMTP relay, the order is
 * e-mailed first and marked sent only once the relay took it (a failure leaves the draft to send
 * again); otherwise it is only marked sent, as for an order placed by phone or on a portal.
 */
export async function sendPurchaseOrder(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<{ purchaseOrder: PurchaseOrderWithLines; emailedTo: string | null }> {
  return inTransaction(ctx.db, async (tx) => {
    const order = await getPurchaseOrder(tx, accountId, id, { lock: true });
    if (order.status !== "draft") throw wrongStatus(order, "sent");
    const supplier = await getSupplier(tx, accountId, order.supplierId);
    let emailedTo: string | null = null;
    if (canEmail(ctx, supplier)) {
      const skus = await productSkus(
        tx,
        accountId,
        order.lines.map((l) => l.productId),
      );
      await emailPurchaseOrder(ctx, supplier, order, skus);
      emailedTo = supplier.email;
    }
    await setStatus(tx, id, "sent", { sentAt: new Date(), emailedTo });
    return { purchaseOrder: await getPurchaseOrder(tx, accountId, id), emailedTo };
  });
}
