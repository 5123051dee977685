CREATE TABLE "books_order_settings" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"posting_mode" text DEFAULT 'summary' NOT NULL,
	"grouping" text DEFAULT 'day' NOT NULL,
	"books_connection_id" uuid,
	"summary_customer" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "books_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"books_connection_id" uuid NOT NULL,
	"channel_connection_id" uuid,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"doc_kind" text,
	"doc_id" text,
	"doc_number" text,
	"sync_token" text,
	"total_minor" integer,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "books_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"channel_connection_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"discount_minor" integer DEFAULT 0 NOT NULL,
	"tax_minor" integer DEFAULT 0 NOT NULL,
	"shipping_minor" integer DEFAULT 0 NOT NULL,
	"total_minor" integer NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "books_summary_orders" (
	"summary_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "books_order_settings" ADD CONSTRAINT "books_order_settings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_order_settings" ADD CONSTRAINT "books_order_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_order_settings" ADD CONSTRAINT "books_order_settings_books_connection_id_connections_id_fk" FOREIGN KEY ("books_connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_postings" ADD CONSTRAINT "books_postings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_postings" ADD CONSTRAINT "books_postings_books_connection_id_connections_id_fk" FOREIGN KEY ("books_connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_summaries" ADD CONSTRAINT "books_summaries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_summaries" ADD CONSTRAINT "books_summaries_channel_connection_id_connections_id_fk" FOREIGN KEY ("channel_connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "books_summary_orders" ADD CONSTRAINT "books_summary_orders_summary_id_books_summaries_id_fk" FOREIGN KEY ("summary_id") REFERENCES "public"."books_summaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "books_postings_subject" ON "books_postings" USING btree ("books_connection_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "books_postings_account_id_status_index" ON "books_postings" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "books_postings_status_updated_at_index" ON "books_postings" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "books_summaries_period" ON "books_summaries" USING btree ("channel_connection_id","period_key","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "books_summary_orders_order" ON "books_summary_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "books_summary_orders_summary_id_index" ON "books_summary_orders" USING btree ("summary_id");