import type { FastifyInstance, FastifyRequest } from "fastify";
import { controlValidationReply } from "./control-routes.ts";

/**
 * An answer in the platform's error shape, thrown from routes and ops and sent as it is. A
 * platform subclasses it once with its body builder (`{"code","message","data"}`, problem JSON, …).
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** How a platform spells the failures the kit meets on its own: unknown routes, bad bodies, crashes. */
export interface ErrorStyle {
  /** Body for a 4xx Fastify raised (`code` is Fastify's, e.g. FST_ERR_CTP_INVALID_JSON_BODY) or a 500. */
  body(status: number, message: string, request: FastifyRequest, code?: string): unknown;
  /** Body of a 404 for a path no route serves; a string is sent as plain text. */
  notFound(request: FastifyRequest): unknown;
}

/** Installs the error and not-found handlers: platform errors as thrown, control validation as 422. */
export function applyErrorStyle(app: FastifyInstance, style: ErrorStyle): void {
  app.setNotFoundHandler((request, reply) => reply.code(404).send(style.notFound(request)));
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof SandboxError) return reply.code(error.status).send(error.body);
    const control = controlValidationReply(error);
    if (control) return reply.code(control.status).send(control.body);
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status < 500) {
      const code = (error as { code?: string }).code;
      return reply.code(status).send(style.body(status, (error as Error).message, request, code));
    }
    return reply.code(500).send(style.body(500, "Internal Server Error", request));
  });
}
