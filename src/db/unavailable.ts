/** Socket errors that mean the server (or the network to it) is gone, not that a query was wrong. */
const SOCKET_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server that is shutting down, starting, overloaded, or cancelled our statement:
 * class 08 (connection exception) plus these.
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);

/** What pg says when the connection broke or never answered (it sets no code on these). */
const PG_MESSAGES = [
  "Connection terminated",
  "Query read timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
];

/**
 * Whether `error` means the database could not be reached or did not answer in time. Such errors
 * are expected during an outage: whoever hits one backs off and tries again, and nothing treats
 * them as a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08")))
    return true;
  if (typeof message === "string" && PG_MESSAGES.some((m) => message.includes(m))) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}
