import {
  type QuickBooksOnlineSandbox,
  type QuickBooksOnlineSandboxOptions,
  startQuickBooksOnlineSandbox,
} from "./index.ts";

/** Response shapes the tests read; everything else in a body is ignored. */
export interface TestLine {
  Id?: string;
  Amount: number;
  DetailType: string;
  SalesItemLineDetail?: { ItemRef: { value: string; name?: string }; Qty?: number; UnitPrice?: number };
}

export interface TestEntity {
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
  Name?: string;
  Sku?: string;
  Type?: string;
  Active?: boolean;
  QtyOnHand?: number;
  UnitPrice?: number;
  DocNumber?: string;
  TxnDate?: string;
  TotalAmt?: number;
  PrivateNote?: string;
  status?: string;
  Line?: TestLine[];
}

export interface TestFault {
  Error: Array<{ Message: string; Detail: string; code: string }>;
  type: string;
}

type EntityBucket = { [name: string]: TestEntity[] | number | undefined };

export interface QboBody {
  time?: string;
  Fault?: TestFault;
  fault?: { error: Array<{ message: string; detail: string | null; code: string }>; type: string };
  Item?: TestEntity;
  Customer?: TestEntity;
  SalesReceipt?: TestEntity;
  Invoice?: TestEntity;
  RefundReceipt?: TestEntity;
  CreditMemo?: TestEntity;
  InventoryAdjustment?: TestEntity;
  CompanyInfo?: { CompanyName: string };
  QueryResponse?: EntityBucket & { startPosition?: number; maxResults?: number; totalCount?: number };
  CDCResponse?: Array<{ QueryResponse: EntityBucket[] }>;
  BatchItemResponse?: Array<
    { bId: string; Fault?: TestFault; Item?: TestEntity; SalesReceipt?: TestEntity } & {
      QueryResponse?: EntityBucket;
    }
  >;
}

export interface ApiResult {
  status: number;
  body: QboBody;
  headers: Headers;
}

/** Test sandboxes relax only the per-second cap, which a fast test loop would otherwise trip. */
export async function startTestSandbox(
  options: QuickBooksOnlineSandboxOptions = {},
): Promise<QuickBooksOnlineSandbox> {
  const sandbox = await startQuickBooksOnlineSandbox({ items: 10, ...options });
  sandbox.control.setLimits({ requestsPerSecond: null });
  return sandbox;
}

export interface TestApi {
  get(path: string, params?: Record<string, string>): Promise<ApiResult>;
  post(path: string, body: unknown, params?: Record<string, string>): Promise<ApiResult>;
  query(statement: string): Promise<ApiResult>;
}

/** Calls `/v3/company/:realmId/<path>?minorversion=75` the way a QBO client does. */
export function qboApi(
  sandbox: QuickBooksOnlineSandbox,
  accessToken = sandbox.initialTokens.accessToken,
): TestApi {
  const call = async (method: string, path: string, body: unknown, params: Record<string, string>) => {
    const url = new URL(`${sandbox.url}/v3/company/${sandbox.realmId}/${path}`);
    for (const [key, value] of Object.entries({ minorversion: "75", ...params }))
      url.searchParams.set(key, value);
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // Test-only: the body is read through the QboBody shape declared above.
    return { status: response.status, body: (await response.json()) as QboBody, headers: response.headers };
  };
  return {
    get: (path, params = {}) => call("GET", path, undefined, params),
    post: (path, body, params = {}) => call("POST", path, body, params),
    query: (statement) => call("GET", "query", undefined, { query: statement }),
  };
}

export function salesLine(itemId: string, qty: number, unitPrice: number): TestLine {
  return {
    DetailType: "SalesItemLineDetail",
    Amount: Math.round(qty * unitPrice * 100) / 100,
    SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: unitPrice },
  };
}

/** The first seeded inventory item (ids 1–2 are the Services and Shipping service items). */
export const FIRST_INVENTORY_ITEM_ID = "3";

export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export function basicAuth(sandbox: QuickBooksOnlineSandbox): string {
  return `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`;
}
