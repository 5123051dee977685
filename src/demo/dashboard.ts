import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DASHBOARD_DIR } from "../http/static.ts";

const BUILD_SCRIPT = fileURLToPath(new URL("../../web/build-if-missing.mjs", import.meta.url));

/**
 * Builds the dashboard when a fresh clone has none, as `npm start` does, so the printed URL shows
 * it. The builder's output goes to stderr: stdout belongs to the demo's own lines.
 */
export function ensureDashboard(log: (line: string) => void): void {
  if (existsSync(join(DASHBOARD_DIR, "index.html"))) return;
  log("building the dashboard (web/dist) first; this takes a moment once");
  const result = spawnSync(process.execPath, [BUILD_SCRIPT], { stdio: ["ignore", 2, 2] });
  if (result.status !== 0 || !existsSync(join(DASHBOARD_DIR, "index.html"))) {
    log("the dashboard could not be built: the API works, the web pages will not (try `npm run build:web`)");
  }
}
