import { createHash } from "node:crypto";
import { guardedFetch } from "../http/guarded-fetch.ts";
import type { HostResolver } from "../http/guarded-lookup.ts";
import { checkPlatformUrl } from "../http/url-guard.ts";
import type { FileSourceCredentials, SourceFileBytes } from "./credentials.ts";

/** Largest file read over any transport; a supplier's price list is far below it. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Reads a file over HTTP(S) through the guarded layer (public https only unless private URLs are
 * allowed; no redirects followed), with basic auth or one header when the credentials give them.
 */
export async function fetchOverHttp(
  credentials: FileSourceCredentials,
  options: { allowPrivate: boolean; resolveHost?: HostResolver | undefined },
): Promise<SourceFileBytes> {
  const url = checkPlatformUrl(credentials.url, options.allowPrivate);
  const headers: Record<string, string> = {};
  if (credentials.username !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ""}`).toString("base64")}`;
  if (credentials.header) headers[credentials.header.name] = credentials.header.value;
  const send = guardedFetch({ allowPrivate: options.allowPrivate, resolveHost: options.resolveHost });
  const response = await send(url, { headers, signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`${url.host} answered ${response.status} for ${url.pathname}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_FILE_BYTES) throw new Error(`the file is larger than ${MAX_FILE_BYTES} bytes`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`the file is larger than ${MAX_FILE_BYTES} bytes`);
  const name = decodeURIComponent(url.pathname.split("/").at(-1) || url.host);
  return { name, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), bytes };
}
