import type { AppContext } from "../../context.ts";
import { AppError } from "../../lib/errors.ts";
import { fromMinorUnits } from "../../lib/money.ts";
import type { PurchaseOrderWithLines } from "./purchase-orders.ts";
import type { Supplier } from "./suppliers.ts";

/** A short number people can quote: the order id's first eight hex digits. */
export const orderNumberOf = (id: string) => `PO-${id.slice(0, 8).toUpperCase()}`;

/**
 * One CSV cell, quoted when it holds a delimiter, a quote or a line break (RFC 4180). A cell a
 * spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe, as OWASP advises
 * for CSV a person opens: supplier SKUs are the merchant's text.
 */
function cell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The order's lines as the CSV the supplier receives: their SKU, ours, quantity and unit cost. */
export function purchaseOrderCsv(order: PurchaseOrderWithLines, skus: Map<string, string>): string {
  const rows = [["supplier_sku", "sku", "quantity", "unit_cost", "currency"]];
  for (const l of order.lines)
    rows.push([
      l.supplierSku ?? "",
      skus.get(l.productId) ?? "",
      String(l.quantity),
      l.costMinor === null ? "" : fromMinorUnits(l.costMinor, order.currency),
      order.currency,
    ]);
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** Whether sending this order can e-mail it: the supplier has an address and the hub an SMTP relay. */
export const canEmail = (ctx: AppContext, supplier: Supplier) =>
  Boolean(supplier.email && ctx.config.smtpUrl);

/**
 * E-mails the order to the supplier through the hub's SMTP transports (the ones notification e-mail
 * uses, `ctx.mail`), with its lines attached as CSV. A failure names no relay address: the merchant
 * reads the answer, the relay is the operator's.
 */
export async function emailPurchaseOrder(
  ctx: AppContext,
  supplier: Supplier,
  order: PurchaseOrderWithLines,
  skus: Map<string, string>,
): Promise<void> {
  const host = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).hostname : "stockwire.localhost";
  const number = orderNumberOf(order.id);
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  const text = [
    `Purchase order ${number} for ${supplier.name}`,
    "",
    ...order.lines.map(
      (l) =>
        `${l.quantity} x ${l.supplierSku ?? skus.get(l.productId) ?? l.productId}${
          l.costMinor === null ? "" : ` at ${fromMinorUnits(l.costMinor, order.currency)} ${order.currency}`
        }`,
    ),
    "",
    `${order.lines.length} line(s), ${units} unit(s). The lines are attached as CSV.`,
    ...(order.note ? ["", order.note] : []),
  ].join("\n");
  try {
    await ctx.mail.for(ctx.config.smtpUrl!).sendMail({
      from: `Stockwire <purchasing@${host}>`,
      to: supplier.email!,
      subject: `Purchase order ${number}`,
      text: `${text}\n`,
      messageId: `<${order.id}@${host}>`,
      attachments: [
        {
          filename: `${number}.csv`,
          content: purchaseOrderCsv(order, skus),
          contentType: "text/csv; charset=utf-8",
        },
      ],
    });
  } catch {
    throw new AppError(
      "unavailable",
      "purchase_order_email_failed",
      "the purchase order could not be e-mailed; it is still a draft",
    );
  }
}
