// Builds the dashboard into web/dist when it is missing, so `npm start` and `npm test` work on a
// fresh clone. Without vite (production install with --omit=dev) it says so and carries on.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const webDir = fileURLToPath(new URL(".", import.meta.url));
if (existsSync(`${webDir}dist/index.html`)) process.exit(0);

const viteBin = fileURLToPath(new URL("../node_modules/vite/bin/vite.js", import.meta.url));
if (!existsSync(viteBin)) {
  console.warn("web/dist is missing and vite is not installed: the dashboard will not be served.");
  process.exit(0);
}
console.log("Building the dashboard (web/dist)…");
const result = spawnSync(process.execPath, [viteBin, "build", webDir, "--logLevel", "warn"], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
