CREATE TABLE "qbwc_stock_pages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"ticket" uuid NOT NULL,
	"request_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"moved" integer,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "qbwc_stock_pages" ADD CONSTRAINT "qbwc_stock_pages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_stock_pages" ADD CONSTRAINT "qbwc_stock_pages_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qbwc_stock_pages_request" ON "qbwc_stock_pages" USING btree ("connection_id","ticket","request_id");--> statement-breakpoint
CREATE INDEX "qbwc_stock_pages_connection_id_status_seq_index" ON "qbwc_stock_pages" USING btree ("connection_id","status","seq");