import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readLocalServer } from "../cli/local-server.ts";

/** Left in a demo's data dir, so a later demo may start the directory over without asking. */
const MARKER = "stockwire-demo.json";

export type DemoDataDir = {
  path: string;
  /** True when the demo made the directory under the OS temp dir (it is removed on close). */
  temporary: boolean;
};

export class DemoDataDirError extends Error {
  override name = "DemoDataDirError";
}

/**
 * The directory the demo's embedded database lives in. A given directory must be empty or hold an
 * earlier demo (whose sandboxes are gone with their process, so its data is useless and is
 * cleared); anything else is refused rather than touched. Without one, a fresh temp dir is made.
 */
export function prepareDataDir(requested: string | undefined): DemoDataDir {
  if (!requested) {
    return { path: mkdtempSync(join(tmpdir(), "stockwire-demo-")), temporary: true };
  }
  const path = resolve(requested);
  const running = readLocalServer(path);
  if (running) {
    throw new DemoDataDirError(`another stockwire (pid ${running.pid}) uses ${path}; stop it first`);
  }
  if (existsSync(path)) {
    const entries = readdirSync(path);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new DemoDataDirError(
        `${path} already holds data that is not from a demo; give the demo an empty directory (STOCKWIRE_DATA_DIR) or unset it for a temporary one`,
      );
    }
    for (const entry of entries) rmSync(join(path, entry), { recursive: true, force: true });
  }
  mkdirSync(path, { recursive: true });
  return { path, temporary: false };
}

/** Marks the directory as a demo's (written once the demo owns it). */
export function markDemoDir(dir: DemoDataDir, info: { email: string; startedAt: string }): void {
  writeFileSync(join(dir.path, MARKER), `${JSON.stringify(info)}\n`, { mode: 0o600 });
}

export function removeTemporaryDir(dir: DemoDataDir): void {
  if (dir.temporary) rmSync(dir.path, { recursive: true, force: true });
}
