/**
 * QuickBooks error bodies. Data-service errors use `{ Fault: { Error: [{ Message, Detail, code }], type }, time }`;
 * the gateway in front of it answers 401/403 with a lower-case `fault` body (recorded from the real API),
 * so clients have to read both.
 */
export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  /** The offending field's name, or "" when the fault names none (QBO always sends the key). */
  element: string;
}

export type FaultType = "ValidationFault" | "SERVICE" | "SystemFault";

/** Thrown deep inside validation and turned into a response (or a batch item's `Fault`) at the edge. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly type: FaultType,
    readonly errors: FaultError[],
  ) {
    super(errors[0]?.Message ?? "QuickBooks fault");
  }

  toFault(): { Error: FaultError[]; type: FaultType } {
    return { Error: this.errors, type: this.type };
  }
}

function validation(code: string, Message: string, Detail: string, element = ""): QboFault {
  return new QboFault(400, "ValidationFault", [{ Message, Detail, code, element }]);
}

const INACTIVE_HINT =
  "Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";

export const faults = {
  requiredParam: (field: string) =>
    validation(
      "2020",
      "Required param missing, need to supply the required value for the API",
      `Required parameter ${field} is missing in the request`,
      field,
    ),
  invalidProperty: (field: string) =>
    validation(
      "2010",
      "Request has invalid or unsupported property",
      `Property Name:${field} specified is unsupported or invalid`,
      field,
    ),
  invalidReference: (field: string, id: string) =>
    validation(
      "2500",
      "Invalid Reference Id",
      `Invalid Reference Id : ${INACTIVE_HINT} (${field} ${id})`,
      field,
    ),
  stringLength: (field: string, max: number, supplied: number) =>
    validation(
      "2050",
      "String length is either shorter or longer than supported by specification",
      `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${supplied} (${field})`,
      field,
    ),
  staleObject: () =>
    validation(
      "5010",
      "Stale Object Error",
      "Stale Object Error : You and Sandbox User were working on this at the same time. Sandbox User finished before you did, so your work was not saved.",
    ),
  objectNotFound: () => validation("610", "Object Not Found", `Object Not Found : ${INACTIVE_HINT}`),
  duplicateName: (existingId: string) =>
    validation("6240", "Duplicate Name Exists Error", `The name supplied already exists. : Id=${existingId}`),
  duplicateDocNumber: (docNumber: string, entity: string, id: string) =>
    validation(
      "6140",
      "Duplicate Document Number Error",
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${entity} with TxnId=${id}`,
    ),
  amountMismatch: (supplied: number) =>
    validation(
      "6070",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value:${supplied}`,
    ),
  businessValidation: (detail: string) =>
    validation(
      "6000",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: ${detail}`,
    ),
  unsupportedOperation: (detail: string) => validation("500", "Unsupported Operation", detail),
  queryParser: (detail: string) => validation("4000", "Error parsing query", `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => validation("4001", "Invalid query", `QueryValidationError: ${detail}`),
  throttled: () =>
    new QboFault(429, "SERVICE", [
      {
        Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        Detail: "The request limit was reached.  Try again later",
        code: "3001",
        element: "",
      },
    ]),
  system: () =>
    new QboFault(500, "SystemFault", [
      {
        Message: "An application error has occurred while processing your request",
        Detail: "System Failure Error: An unexpected error occurred while accessing or saving your data.",
        code: "10000",
        element: "",
      },
    ]),
};

export function faultBody(
  fault: QboFault,
  time: string,
): { Fault: ReturnType<QboFault["toFault"]>; time: string } {
  return { Fault: fault.toFault(), time };
}

/** The gateway's shape for 401 (expired/unknown token) and 403 (token not for this company). */
export function gatewayFaultBody(status: 401 | 403, detail: string | null, epochMs: number) {
  const message =
    status === 401
      ? "message=AuthenticationFailed; errorCode=003200; statusCode=401"
      : "message=AuthorizationFailed; errorCode=003100; statusCode=403";
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message, detail, code: status === 401 ? "3200" : "3100", element: null }],
      type: status === 401 ? "AUTHENTICATION" : "SERVICE",
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: epochMs,
    status: null,
    cdcresponse: [],
  };
}
