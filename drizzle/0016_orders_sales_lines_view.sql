-- The orders module's published read surface for the books (issue 25 item 1): other modules select
-- from these views, never from orders/order_lines, so the books can summarise a period in SQL.
-- Cancelled orders are not sales and are left out, as orderIdsPlacedIn does.
CREATE VIEW "orders_sales_v" AS
SELECT o."id" AS "order_id", o."account_id", o."connection_id", o."order_number", o."placed_at",
       o."currency", o."discount_minor", o."tax_minor", o."shipping_minor"
FROM "orders" o
WHERE o."status" <> 'cancelled';--> statement-breakpoint
CREATE VIEW "orders_sales_lines_v" AS
SELECT l."order_id", o."account_id", o."connection_id", o."placed_at", o."currency", l."line_no",
       l."sku", l."name", l."quantity", l."unit_price_minor",
       l."quantity"::bigint * l."unit_price_minor" AS "amount_minor"
FROM "order_lines" l JOIN "orders" o ON o."id" = l."order_id"
WHERE o."status" <> 'cancelled';
