import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/engine.ts";
import { adminQuery, buildPgliteTemplate, databaseUrlFor, prepare } from "./template.ts";

/**
 * Builds one migrated database per run and hands each test file a copy: a PGlite data-dir dump
 * (embedded) or a PostgreSQL template database (when DATABASE_URL is set).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "stockwire-test-"));
  const dumpPath = join(dir, "template.tar");
  writeFileSync(dumpPath, Buffer.from(await (await buildPgliteTemplate()).arrayBuffer()));
  project.provide("pgliteTemplate", dumpPath);

  const base = process.env.DATABASE_URL;
  let template: string | undefined;
  if (base) {
    template = `stockwire_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(base, `create database ${template}`);
    const database = await openDatabase({ kind: "postgres", url: databaseUrlFor(base, template) });
    try {
      await prepare(database);
    } finally {
      await database.close();
    }
  }
  project.provide("postgresTemplate", template ?? "");

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (base && template) await adminQuery(base, `drop database if exists ${template} with (force)`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
