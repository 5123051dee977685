CREATE TABLE "inventory_sources" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"warehouse_id" uuid,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "books_order_settings" ADD COLUMN "sale_document" text DEFAULT 'SalesReceipt' NOT NULL;--> statement-breakpoint
ALTER TABLE "books_order_settings" ADD COLUMN "refund_document" text DEFAULT 'RefundReceipt' NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_sources" ADD CONSTRAINT "inventory_sources_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_sources" ADD CONSTRAINT "inventory_sources_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_sources" ADD CONSTRAINT "inventory_sources_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE set null ON UPDATE no action;