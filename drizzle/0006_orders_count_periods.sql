CREATE TABLE "orders_count_periods" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"period" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders_count_periods" ADD CONSTRAINT "orders_count_periods_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;