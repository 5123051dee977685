CREATE TABLE "connection_mode_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"from_mode" text NOT NULL,
	"to_mode" text NOT NULL,
	"actor" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"name" text NOT NULL,
	"mode" text DEFAULT 'test' NOT NULL,
	"credentials_sealed" text NOT NULL,
	"credentials_hint" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"label" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"feed_kind" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"full" boolean DEFAULT false NOT NULL,
	"counts" jsonb DEFAULT '{"imported":0,"updated":0,"new":0,"archived":0,"skipped":0,"failed":0}'::jsonb NOT NULL,
	"progress" jsonb,
	"error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"cron" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"next_run_at" timestamp with time zone,
	"watermark" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"sku" text,
	"generation" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_connection_id_kind_subject_id_pk" PRIMARY KEY("connection_id","kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "run_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"subject" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shadow_previews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text,
	"description" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_drift" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"location_id" text NOT NULL,
	"hub_quantity" integer NOT NULL,
	"platform_quantity" integer NOT NULL,
	"last_writer" text NOT NULL,
	"corrected" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"feed_kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"severity" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"last_run_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_log" (
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"direction" text NOT NULL,
	"quantity" integer,
	"result" text NOT NULL,
	"severity" text,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_log_connection_id_sku_direction_pk" PRIMARY KEY("connection_id","sku","direction")
);
--> statement-breakpoint
CREATE TABLE "webhook_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"headers" jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "connection_mode_changes" ADD CONSTRAINT "connection_mode_changes_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_runs" ADD CONSTRAINT "feed_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_messages" ADD CONSTRAINT "run_messages_run_id_feed_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."feed_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_previews" ADD CONSTRAINT "shadow_previews_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_drift" ADD CONSTRAINT "stock_drift_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_drift" ADD CONSTRAINT "stock_drift_run_id_feed_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."feed_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_issues" ADD CONSTRAINT "sync_issues_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_log" ADD CONSTRAINT "sync_log_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_mode_changes_connection_id_index" ON "connection_mode_changes" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "connections_account_id_index" ON "connections" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_account_id_name_index" ON "connections" USING btree ("account_id","name");--> statement-breakpoint
CREATE INDEX "feed_runs_account_id_queued_at_index" ON "feed_runs" USING btree ("account_id","queued_at");--> statement-breakpoint
CREATE INDEX "feed_runs_connection_id_feed_kind_queued_at_index" ON "feed_runs" USING btree ("connection_id","feed_kind","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_connection_id_kind_index" ON "feeds" USING btree ("connection_id","kind");--> statement-breakpoint
CREATE INDEX "feeds_enabled_next_run_at_index" ON "feeds" USING btree ("enabled","next_run_at");--> statement-breakpoint
CREATE INDEX "outbox_connection_id_kind_next_attempt_at_index" ON "outbox" USING btree ("connection_id","kind","next_attempt_at");--> statement-breakpoint
CREATE INDEX "run_messages_run_id_index" ON "run_messages" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "shadow_previews_connection_id_id_index" ON "shadow_previews" USING btree ("connection_id","id");--> statement-breakpoint
CREATE INDEX "stock_drift_run_id_index" ON "stock_drift" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "stock_drift_connection_id_created_at_index" ON "stock_drift" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_issues_open_key" ON "sync_issues" USING btree ("connection_id","subject_type","subject_id") WHERE "sync_issues"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "sync_issues_account_id_severity_index" ON "sync_issues" USING btree ("account_id","severity");--> statement-breakpoint
CREATE INDEX "sync_issues_severity_next_retry_at_index" ON "sync_issues" USING btree ("severity","next_retry_at");--> statement-breakpoint
CREATE INDEX "sync_log_account_id_at_index" ON "sync_log" USING btree ("account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_inbox_connection_id_event_id_index" ON "webhook_inbox" USING btree ("connection_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_inbox_status_received_at_index" ON "webhook_inbox" USING btree ("status","received_at");