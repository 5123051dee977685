import { createHash } from "node:crypto";
import { posix } from "node:path";
import SftpClient from "ssh2-sftp-client";
import { checkAddress, type HostResolver, systemResolver } from "../http/guarded-lookup.ts";
import type { FileSourceCredentials, SourceFileBytes } from "./credentials.ts";
import { MAX_FILE_BYTES } from "./http-transport.ts";

/** The server's host key changed since it was pinned: nothing is read until the merchant re-pairs. */
export class HostKeyChangedError extends Error {
  override name = "HostKeyChangedError";
  readonly code = "host_key_changed";
}

export type SftpFile = SourceFileBytes & { hostKeySha256: string };

/** `stock-*.csv` → a whole-name pattern; `*` and `?` are the only wildcards. */
function globPattern(name: string): RegExp {
  const escaped = name
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/**
 * Reads a file over SFTP. The host name is resolved once and every address checked by the same
 * rule as outbound HTTP; the socket goes to the checked address. The server's host key must match
 * `hostKeySha256` when pinned (a changed key is refused before any password is sent); the key seen
 * is returned so the caller can pin it. A glob in the file name picks the newest match.
 */
export async function fetchOverSftp(
  credentials: FileSourceCredentials,
  options: { allowPrivate: boolean; resolveHost?: HostResolver | undefined },
): Promise<SftpFile> {
  const url = new URL(credentials.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const answer = await (options.resolveHost ?? systemResolver)(host);
  for (const { address } of answer) checkAddress(host, address, options.allowPrivate);
  const address = answer[0]?.address;
  if (!address) throw new Error(`${host} has no address`);

  let seenKey = "";
  const client = new SftpClient();
  try {
    await client.connect({
      host: address,
      port: Number(url.port || 22),
      username: credentials.username ?? decodeURIComponent(url.username),
      ...(credentials.password !== undefined ? { password: credentials.password } : {}),
      ...(credentials.privateKey !== undefined ? { privateKey: credentials.privateKey } : {}),
      readyTimeout: 30_000,
      hostVerifier: (key: Buffer) => {
        seenKey = createHash("sha256").update(key).digest("base64");
        return credentials.hostKeySha256 === undefined || credentials.hostKeySha256 === seenKey;
      },
    });
  } catch (error) {
    if (seenKey && credentials.hostKeySha256 !== undefined && seenKey !== credentials.hostKeySha256)
      throw new HostKeyChangedError(
        `${host}'s host key changed since pairing (now SHA256:${seenKey}); re-pair to trust it`,
      );
    throw error;
  }
  try {
    const path = decodeURIComponent(url.pathname);
    const dir = posix.dirname(path);
    let name = posix.basename(path);
    if (/[*?]/.test(name)) {
      const pattern = globPattern(name);
      const newest = (await client.list(dir))
        .filter((entry) => entry.type === "-" && pattern.test(entry.name))
        .sort((a, b) => b.modifyTime - a.modifyTime || b.name.localeCompare(a.name))[0];
      if (!newest) throw new Error(`no file matches ${path}`);
      name = newest.name;
    }
    const full = posix.join(dir, name);
    const stat = await client.stat(full);
    if (stat.size > MAX_FILE_BYTES) throw new Error(`the file is larger than ${MAX_FILE_BYTES} bytes`);
    const bytes = (await client.get(full)) as Buffer;
    return {
      name,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes,
      hostKeySha256: seenKey,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
