ALTER TABLE "qbwc_contacts" ADD COLUMN "run_every_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "qbwc_contacts" ADD COLUMN "qwc_issued_at" timestamp with time zone;