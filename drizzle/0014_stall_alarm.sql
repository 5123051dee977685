CREATE TABLE "stall_episodes" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stall_thresholds" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"push_seconds" integer,
	"job_seconds" integer,
	"heartbeat_seconds" integer,
	"webhook_seconds" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stall_episodes" ADD CONSTRAINT "stall_episodes_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stall_thresholds" ADD CONSTRAINT "stall_thresholds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_runs_running_index" ON "feed_runs" USING btree ("connection_id","heartbeat_at") WHERE "feed_runs"."status" = 'running';