import type { FastifyRequest } from "fastify";
import { type ErrorStyle, SandboxError } from "../kit/errors.ts";

/**
 * ShipStation v1 runs on ASP.NET Web API: a refused request answers `{"Message": …}` and an
 * exception adds `ExceptionMessage`, `ExceptionType` and `StackTrace` (platform-apis.md §6 and
 * the shape every v1 client library parses; the exact wording of each message is a GUESS).
 */
export function ssErrorBody(message: string, exception?: string) {
  return exception === undefined
    ? { Message: message }
    : {
        Message: "An error has occurred.",
        ExceptionMessage: exception,
        ExceptionType: "System.ArgumentException",
        StackTrace: null,
      };
}

export class SsError extends SandboxError {
  constructor(status: number, message: string, exception?: string) {
    super(status, exception ?? message, ssErrorBody(message, exception));
  }
}

/** A bad argument: 400 with the exception fields, as ShipStation answers a wrong filter or body. */
export const badRequest = (exception: string) => new SsError(400, "An error has occurred.", exception);
export const notFound = (what: string) => new SsError(404, `${what} not found`);

export const ssErrorStyle: ErrorStyle = {
  notFound: (request: FastifyRequest) =>
    ssErrorBody(`No HTTP resource was found that matches the request URI '${request.url.split("?")[0]}'.`),
  body: (status, message) =>
    status >= 500 ? ssErrorBody("An error has occurred.", message) : ssErrorBody(message),
};
