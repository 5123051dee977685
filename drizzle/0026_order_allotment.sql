CREATE TABLE "allotment_notices" (
	"account_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"threshold" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allotment_notices_accountId_year_threshold_unique" UNIQUE("account_id","year","threshold")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "order_allotment" integer;--> statement-breakpoint
ALTER TABLE "allotment_notices" ADD CONSTRAINT "allotment_notices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_account_id_created_at_index" ON "orders" USING btree ("account_id","created_at");