CREATE TABLE "qbwc_contacts" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"last_contact_at" timestamp with time zone,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"fail_window_ends_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qbwc_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"posting_id" uuid,
	"generation" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"role" text NOT NULL,
	"xml" text NOT NULL,
	"doc_kind" text,
	"currency" text NOT NULL,
	"skus" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"message_set_id" uuid,
	"txn_id" text,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qbwc_sessions" (
	"ticket" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"qbxml_version" text,
	"last_error" text,
	"answered" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_call_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qbwc_contacts" ADD CONSTRAINT "qbwc_contacts_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_contacts" ADD CONSTRAINT "qbwc_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_requests" ADD CONSTRAINT "qbwc_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_requests" ADD CONSTRAINT "qbwc_requests_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_requests" ADD CONSTRAINT "qbwc_requests_posting_id_books_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."books_postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_sessions" ADD CONSTRAINT "qbwc_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbwc_sessions" ADD CONSTRAINT "qbwc_sessions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qbwc_requests_request_id" ON "qbwc_requests" USING btree ("connection_id","request_id");--> statement-breakpoint
CREATE INDEX "qbwc_requests_connection_id_status_created_at_index" ON "qbwc_requests" USING btree ("connection_id","status","created_at");--> statement-breakpoint
CREATE INDEX "qbwc_requests_posting_id_index" ON "qbwc_requests" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "qbwc_sessions_connection_id_closed_at_index" ON "qbwc_sessions" USING btree ("connection_id","closed_at");