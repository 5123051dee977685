import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";

export type PeriodSummaryInput = {
  accountId: string;
  channelConnectionId: string;
  periodKey: string;
  start: Date;
  end: Date;
  generation: number;
};

/**
 * Stores the summaries of one period in one statement (issue 25 item 1): per currency not yet
 * summarised in the period, the period's orders that sit in no summary and were not queued for
 * individual posting (R-ORD-4), their lines grouped by SKU and price (R-ORD-3), the order totals
 * summed, and the covered orders listed. No order or line travels to Node.
 *
 * Reads the orders module's published views (orders_sales_v, orders_sales_lines_v), never its
 * tables. Matches buildSummary (summary-builder.ts, the property test's reference): a line's name
 * is that of its first sale (placed_at, order id, line number), lines are ordered by SKU in byte
 * order (the collation both engines share) and price. A concurrent run that stored the period first
 * wins: the insert does nothing and so covers no orders.
 */
export async function insertPeriodSummaries(db: Db, p: PeriodSummaryInput): Promise<void> {
  await db.execute(sql`
    with candidates as (
      select o.order_id, o.order_number, o.currency, o.discount_minor, o.tax_minor, o.shipping_minor
      from orders_sales_v o
      where o.account_id = ${p.accountId} and o.connection_id = ${p.channelConnectionId}
        and o.placed_at >= ${p.start.toISOString()}::timestamptz
        and o.placed_at < ${p.end.toISOString()}::timestamptz
        and not exists (select 1 from books_summary_orders s where s.order_id = o.order_id)
        and not exists (
          select 1 from books_postings q
          where q.subject_type = 'order' and q.subject_id = o.order_id::text)
        and not exists (
          select 1 from books_summaries b
          where b.channel_connection_id = ${p.channelConnectionId} and b.period_key = ${p.periodKey}
            and b.currency = o.currency)
    ),
    grouped as (
      select l.currency, l.sku collate "C" as sku, l.unit_price_minor,
             (array_agg(l.name order by l.placed_at, l.order_id, l.line_no))[1] as name,
             sum(l.quantity) as quantity, sum(l.amount_minor) as amount_minor
      from orders_sales_lines_v l
      where l.order_id in (select order_id from candidates)
      group by 1, 2, 3
    ),
    line_arrays as (
      select currency, sum(amount_minor) as items_minor,
             jsonb_agg(jsonb_build_object(
               'sku', sku, 'name', name, 'quantity', quantity,
               'unitPriceMinor', unit_price_minor, 'amountMinor', amount_minor)
             order by sku, unit_price_minor) as lines
      from grouped group by currency
    ),
    totals as (
      select currency, sum(discount_minor) as discount_minor, sum(tax_minor) as tax_minor,
             sum(shipping_minor) as shipping_minor
      from candidates group by currency
    ),
    stored as (
      insert into books_summaries (account_id, channel_connection_id, period_key, currency, lines,
                                   discount_minor, tax_minor, shipping_minor, total_minor, generation)
      select ${p.accountId}, ${p.channelConnectionId}, ${p.periodKey}, t.currency,
             coalesce(a.lines, '[]'::jsonb), t.discount_minor, t.tax_minor, t.shipping_minor,
             coalesce(a.items_minor, 0) - t.discount_minor + t.tax_minor + t.shipping_minor,
             ${p.generation}
      from totals t left join line_arrays a on a.currency = t.currency
      on conflict do nothing
      returning id, currency
    )
    insert into books_summary_orders (summary_id, account_id, order_id, order_number)
    select s.id, ${p.accountId}, c.order_id, c.order_number
    from candidates c join stored s on s.currency = c.currency`);
}
