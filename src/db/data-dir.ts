import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Raised when the data dir is not safe to use; `stockwire serve` prints it and stops. */
export class DataDirError extends Error {
  override name = "DataDirError";
}

const GROUP_OR_OTHER_WRITE = 0o022;

/**
 * Makes the embedded data dir private to this user: 0700, whatever the umask. A dir that others can
 * write (or that another user owns) is refused rather than repaired, since somebody else may
 * already have planted files in it.
 */
export function secureDataDir(dataDir: string): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new DataDirError(`${dir} belongs to another user (uid ${stat.uid}); use a data dir of your own`);
  }
  if ((stat.mode & GROUP_OR_OTHER_WRITE) !== 0) {
    throw new DataDirError(
      `${dir} can be written by other users (mode ${(stat.mode & 0o777).toString(8)}); check what is in it, then chmod 700 it`,
    );
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * PGlite's file layer creates every file 0666 regardless of the umask. The 0700 dir above already
 * keeps others out; this brings the files themselves to 0600 (dirs 0700) so a copied or moved
 * data dir, or a backup taken with its modes, stays private too.
 */
export function tightenTree(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path);
    } catch {
      continue; // removed meanwhile (a WAL segment recycled)
    }
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      tightenTree(path);
    } else if ((stat.mode & 0o777) !== 0o600) {
      try {
        chmodSync(path, 0o600);
      } catch {
        // A file removed between lstat and chmod needs no mode.
      }
    }
  }
}
