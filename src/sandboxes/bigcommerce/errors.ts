import type { FastifyRequest } from "fastify";
import { type ErrorStyle, SandboxError } from "../kit/errors.ts";

/**
 * BigCommerce's two error shapes. V3 answers `{"status","title","type","errors":{…}}` (problem
 * JSON, inventory.v3.yml `ErrorResponse`); V2 answers an array `[{"status","message"}]`.
 * Route handlers throw these and they are sent as they are.
 */
export const ERROR_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

export function v3ErrorBody(status: number, title: string, errors: Readonly<Record<string, string>> = {}) {
  return { status, title, type: ERROR_TYPE, errors };
}

export class BcV3Error extends SandboxError {
  constructor(status: number, title: string, errors: Readonly<Record<string, string>> = {}) {
    super(status, title, v3ErrorBody(status, title, errors));
  }
}

export class BcV2Error extends SandboxError {
  constructor(status: number, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(status, message, [{ status, message, ...details }]);
  }
}

export const v3NotFound = () => new BcV3Error(404, "The requested resource was not found.");

/** A query parameter out of bounds (`limit=251`): 422 naming it. The title's wording is a guess. */
export const invalidQuery = (param: string, message: string) =>
  new BcV3Error(422, `The filter(s): ${param} specified are invalid.`, { [param]: message });

const isV2 = (request: FastifyRequest) => /^\/stores\/[^/]+\/v2\//.test(request.url);

/** V2 paths answer in v2's array shape, everything else in v3's problem JSON. */
export const bcErrorStyle: ErrorStyle = {
  notFound: (request) => bcErrorStyle.body(404, "The requested resource was not found.", request),
  body: (status, message, request) =>
    isV2(request) ? new BcV2Error(status, message).body : v3ErrorBody(status, message),
};
