import { type Logger, pino } from "pino";
import { serializeError } from "./lib/error-serializer.ts";

/** Paths that may hold secrets anywhere in a log line; pino replaces them before writing. */
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "password",
  "*.password",
  "token",
  "*.token",
  "credentials",
  "*.credentials",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
