ALTER TABLE "connections" ADD COLUMN "disconnected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "disconnected_reason" text;