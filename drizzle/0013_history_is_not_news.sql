ALTER TABLE "orders" ADD COLUMN "historical" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "historical" boolean DEFAULT false NOT NULL;