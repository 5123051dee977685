import { z } from "zod";

/**
 * Where a supplier's file is and how to sign in. `url` is `sftp://host[:port]/path`,
 * `ftp://…` (not read yet) or `http(s)://…`; the path's file name may be a glob (`stock-*.csv`:
 * the newest match wins). `hostKeySha256` is the SFTP server's key, pinned when first seen.
 */
export const fileSourceCredentials = z.strictObject({
  url: z.string().min(1).max(2000),
  username: z.string().max(200).optional(),
  password: z.string().max(1000).optional(),
  privateKey: z.string().max(20_000).optional(),
  /** An HTTP header to send (an API key), as `{name, value}`. */
  header: z.strictObject({ name: z.string().min(1).max(100), value: z.string().max(2000) }).optional(),
  hostKeySha256: z.string().max(200).optional(),
});
export type FileSourceCredentials = z.infer<typeof fileSourceCredentials>;

/** What a fetched file is: its name (for "already imported"), size, SHA-256 and bytes. */
export type SourceFileBytes = { name: string; size: number; sha256: string; bytes: Buffer };
