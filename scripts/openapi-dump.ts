/**
 * Prints the hub's OpenAPI document (as served at /api/openapi.json) to stdout, for linters and
 * client generators. It starts a throwaway hub on an embedded database in a temp dir, so it needs
 * no running hub and no PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { startHub } from "../src/hub.ts";
import { createLogger } from "../src/logger.ts";

const dataDir = mkdtempSync(join(tmpdir(), "stockwire-openapi-"));
try {
  const config = loadConfig({
    STOCKWIRE_DATA_DIR: dataDir,
    STOCKWIRE_SECRET: "0f".repeat(32),
    LOG_LEVEL: "silent",
  });
  const hub = await startHub({ config, logger: createLogger("silent"), http: true, work: false });
  try {
    const res = await hub.app!.inject({ url: "/api/openapi.json" });
    process.stdout.write(`${JSON.stringify(res.json(), null, 2)}\n`);
  } finally {
    await hub.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
