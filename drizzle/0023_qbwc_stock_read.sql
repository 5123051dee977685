ALTER TABLE "qbwc_contacts" ADD COLUMN "stock_read_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qbwc_sessions" ADD COLUMN "stock_read" jsonb;