CREATE TABLE "supplier_source_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supplier_source_files" ADD CONSTRAINT "supplier_source_files_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_source_files" ADD CONSTRAINT "supplier_source_files_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_source_files_account_id_source_key_file_name_size_sha256_index" ON "supplier_source_files" USING btree ("account_id","source_key","file_name","size","sha256");--> statement-breakpoint
CREATE INDEX "supplier_source_files_account_id_source_key_imported_at_index" ON "supplier_source_files" USING btree ("account_id","source_key","imported_at");