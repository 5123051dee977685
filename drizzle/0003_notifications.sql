CREATE TABLE "custom_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"event_type" text NOT NULL,
	"condition" jsonb,
	"template" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"period" text NOT NULL,
	"amount" bigint NOT NULL,
	"connection_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"default_email" text,
	"override_enabled" boolean DEFAULT false NOT NULL,
	"override_emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"global_opt_in" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_type_settings" (
	"account_id" uuid NOT NULL,
	"connection_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"type" text NOT NULL,
	"enabled" boolean NOT NULL,
	CONSTRAINT "notification_type_settings_account_id_connection_id_type_pk" PRIMARY KEY("account_id","connection_id","type")
);
--> statement-breakpoint
CREATE TABLE "notification_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"url" text NOT NULL,
	"format" text DEFAULT 'json' NOT NULL,
	"secret_sealed" text NOT NULL,
	"all_notifications" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"connection_id" uuid,
	"subject" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_id" bigint,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_states" (
	"account_id" uuid NOT NULL,
	"connection_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"product_id" uuid NOT NULL,
	"status" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_states_account_id_connection_id_product_id_pk" PRIMARY KEY("account_id","connection_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "planning_settings" (
	"account_id" uuid NOT NULL,
	"connection_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"report_days" integer DEFAULT 90 NOT NULL,
	"overstock_days" integer DEFAULT 100 NOT NULL,
	"understock_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_settings_account_id_connection_id_pk" PRIMARY KEY("account_id","connection_id")
);
--> statement-breakpoint
ALTER TABLE "custom_alerts" ADD CONSTRAINT "custom_alerts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_type_settings" ADD CONSTRAINT "notification_type_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_webhooks" ADD CONSTRAINT "notification_webhooks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_states" ADD CONSTRAINT "plan_states_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_settings" ADD CONSTRAINT "planning_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_alerts_account_id_event_type_index" ON "custom_alerts" USING btree ("account_id","event_type");--> statement-breakpoint
CREATE INDEX "goals_account_id_index" ON "goals" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_notification_id_channel_recipient_index" ON "notification_deliveries" USING btree ("notification_id","channel","recipient");--> statement-breakpoint
CREATE INDEX "notification_deliveries_status_next_attempt_at_index" ON "notification_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_account_id_created_at_index" ON "notification_deliveries" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_reads_user_id_index" ON "notification_reads" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notification_webhooks_account_id_index" ON "notification_webhooks" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_account_id_dedupe_key_index" ON "notifications" USING btree ("account_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_account_id_created_at_id_index" ON "notifications" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_account_id_type_subject_created_at_index" ON "notifications" USING btree ("account_id","type","subject","created_at");--> statement-breakpoint
CREATE INDEX "notifications_account_id_connection_id_type_created_at_index" ON "notifications" USING btree ("account_id","connection_id","type","created_at");