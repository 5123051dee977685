import { faults } from "./faults.ts";

export interface StoredResponse {
  status: number;
  payload: string;
}

/** Intuit rejects longer request ids with a business validation error. */
export const REQUEST_ID_MAX_LENGTH = 50;

/**
 * `?requestid=` makes a write safe to retry: QBO answers a repeated id with the first response
 * instead of doing the work again.
 */
export class RequestIdCache {
  private responses = new Map<string, StoredResponse>();

  static validate(requestId: string): void {
    if (requestId.length > REQUEST_ID_MAX_LENGTH) {
      throw faults.businessValidation(
        `You cannot enter more than ${REQUEST_ID_MAX_LENGTH} characters in the request_id field. You tried entering ${requestId.slice(0, 10)}..., which is ${requestId.length} characters.`,
      );
    }
  }

  get(requestId: string): StoredResponse | undefined {
    return this.responses.get(requestId);
  }

  set(requestId: string, response: StoredResponse): void {
    if (!this.responses.has(requestId)) this.responses.set(requestId, response);
  }

  clear(): void {
    this.responses.clear();
  }
}
