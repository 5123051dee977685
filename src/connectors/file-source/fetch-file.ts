import type { HostResolver } from "../http/guarded-lookup.ts";
import type { FileSourceCredentials, SourceFileBytes } from "./credentials.ts";
import { fetchOverHttp } from "./http-transport.ts";
import { fetchOverSftp } from "./sftp-transport.ts";

export type FetchOptions = { allowPrivate: boolean; resolveHost?: HostResolver | undefined };

/** What a fetch brings back; over SFTP also the host key seen, to pin at pairing. */
export type FetchedFile = SourceFileBytes & { hostKeySha256?: string };

/** The transports by URL scheme; a scheme missing here is not read yet (FTP). */
const transports: Record<string, (c: FileSourceCredentials, o: FetchOptions) => Promise<FetchedFile>> = {
  "https:": fetchOverHttp,
  "http:": fetchOverHttp,
  "sftp:": fetchOverSftp,
};

/** Reads the source's current file over the transport its URL names. */
export function fetchSourceFile(
  credentials: FileSourceCredentials,
  options: FetchOptions,
): Promise<FetchedFile> {
  let scheme: string;
  try {
    scheme = new URL(credentials.url).protocol;
  } catch {
    return Promise.reject(new Error("the source URL is not a valid absolute URL"));
  }
  const transport = transports[scheme];
  if (!transport)
    return Promise.reject(new Error(`${scheme.replace(/:$/, "")} sources are not supported yet`));
  return transport(credentials, options);
}
