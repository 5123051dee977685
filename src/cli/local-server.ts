import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The embedded database can be opened by one process only. A running `stockwire serve` leaves this
 * file in the data dir so that CLI commands go through it (over loopback, with a key only the data
 * dir's owner can read) instead of opening the database a second time.
 */
export type LocalServerInfo = { pid: number; url: string; adminKey: string };

const fileIn = (dataDir: string) => join(resolve(dataDir), "server.json");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLocalServer(dataDir: string): LocalServerInfo | undefined {
  const file = fileIn(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as LocalServerInfo;
    return alive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

export function newAdminKey(): string {
  return randomBytes(24).toString("base64url");
}

export function writeLocalServer(dataDir: string, url: string, adminKey: string): LocalServerInfo {
  const info = { pid: process.pid, url, adminKey };
  writeFileSync(fileIn(dataDir), JSON.stringify(info), { mode: 0o600 });
  return info;
}

export function removeLocalServer(dataDir: string): void {
  const info = readLocalServerRaw(dataDir);
  if (info?.pid === process.pid) rmSync(fileIn(dataDir), { force: true });
}

function readLocalServerRaw(dataDir: string): LocalServerInfo | undefined {
  try {
    return JSON.parse(readFileSync(fileIn(dataDir), "utf8")) as LocalServerInfo;
  } catch {
    return undefined;
  }
}

export async function callLocalServer<T>(info: LocalServerInfo, op: string, input: unknown): Promise<T> {
  const res = await fetch(`${info.url}/internal/cli/${op}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-stockwire-admin-key": info.adminKey },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? `server answered ${res.status}`);
  return body;
}
