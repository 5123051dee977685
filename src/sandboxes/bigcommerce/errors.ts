/**
 * BigCommerce's two error shapes. V3 answers `{"status","title","type","errors":{…}}` (problem
 * JSON, inventory.v3.yml `ErrorResponse`); V2 answers an array `[{"status","message"}]`.
 * Route handlers throw these; the server's error handler renders them.
 */
export const ERROR_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

export class BcV3Error extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: Readonly<Record<string, string>> = {},
  ) {
    super(title);
  }

  body() {
    return v3ErrorBody(this.status, this.title, this.errors);
  }
}

export class BcV2Error extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  body() {
    return [{ status: this.status, message: this.message, ...this.details }];
  }
}

export function v3ErrorBody(status: number, title: string, errors: Readonly<Record<string, string>> = {}) {
  return { status, title, type: ERROR_TYPE, errors };
}

export const v3NotFound = () => new BcV3Error(404, "The requested resource was not found.");

export const v2NotFound = () => new BcV2Error(404, "The requested resource was not found.");

/** A query parameter out of bounds (`limit=251`): 422 naming it. The title's wording is a guess. */
export const invalidQuery = (param: string, message: string) =>
  new BcV3Error(422, `The filter(s): ${param} specified are invalid.`, { [param]: message });
