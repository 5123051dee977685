CREATE TABLE "product_daily_sales" (
	"account_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"day" date NOT NULL,
	"connection_id" uuid,
	"units" integer NOT NULL,
	CONSTRAINT "product_daily_sales_accountId_productId_day_connectionId_unique" UNIQUE NULLS NOT DISTINCT("account_id","product_id","day","connection_id")
);
--> statement-breakpoint
ALTER TABLE "product_daily_sales" ADD CONSTRAINT "product_daily_sales_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "product_daily_sales" ("account_id", "product_id", "day", "connection_id", "units")
SELECT o."account_id", l."product_id", (o."placed_at" AT TIME ZONE 'UTC')::date, o."connection_id", sum(l."quantity" - l."cancelled_qty")
FROM "orders" o JOIN "order_lines" l ON l."order_id" = o."id"
WHERE o."status" <> 'cancelled'
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
ANALYZE "product_daily_sales";
