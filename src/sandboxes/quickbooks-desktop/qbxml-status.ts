import type { Company } from "./company.ts";
import type { Iterators } from "./iterators.ts";
import { element, escapeXml, type XmlNode } from "./xml.ts";

/** A qbXML status a request handler ends with; codes and wording from Intuit's status-code list. */
export class QbStatus extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const STATUS_OK = "Status OK";

/** 0–499 Info, 500–999 Warn, 1000 and up Error. */
export function severityOf(code: number): "Info" | "Warn" | "Error" {
  if (code < 500) return "Info";
  if (code < 1000) return "Warn";
  return "Error";
}

export const noMatch = () => new QbStatus(1, "A query request did not find a matching object in QuickBooks");

export const objectNotFound = (id: string) =>
  new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);

export const invalidReference = (list: string, name: string, txnType: string) =>
  new QbStatus(
    3140,
    `There is an invalid reference to QuickBooks ${list} "${name}" in the ${txnType}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
  );

export const nameInUse = (name: string) =>
  new QbStatus(3100, `The name "${name}" of the list element is already in use.`);

export const missingElement = (name: string) => new QbStatus(3150, `There is a missing element: "${name}".`);

export const invalidValue = (field: string, value: string) =>
  new QbStatus(3210, `The "${field}" field has an invalid value "${value}".`);

export const staleEditSequence = (sequence: string) =>
  new QbStatus(3200, `The provided edit sequence "${sequence}" is out-of-date.`);

/** What a handler sees: the company, this Web Connector session's iterators and the switches. */
export interface RequestContext {
  readonly company: Company;
  readonly iterators: Iterators;
  readonly switches: { staleEditSequences: number };
  /** `defMacro` names defined so far in this message set, with the TxnID each stands for. */
  readonly macros: Map<string, string>;
}

/** A handler's answer: a status (0 by default), attributes for the `*Rs` element, and its body. */
export interface HandlerResult {
  readonly status?: QbStatus;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly body: readonly string[];
}

export type Handler = (rq: XmlNode, ctx: RequestContext) => HandlerResult;

/** `<XRs requestID statusCode statusSeverity statusMessage …>body</XRs>`. */
export function renderRs(rq: XmlNode, result: HandlerResult): string {
  const code = result.status?.code ?? 0;
  const attrs = {
    requestID: rq.attrs.requestID,
    statusCode: String(code),
    statusSeverity: severityOf(code),
    statusMessage: result.status?.message ?? STATUS_OK,
    ...result.attrs,
  };
  return element(rq.name.replace(/Rq$/, "Rs"), attrs, result.body);
}

/** A leaf for a `*Ret`: `[name, markup]`, or null when there is no value. */
export type RetPart = readonly [string, string] | null;

export function leaf(name: string, value: string | number | boolean | null | undefined): RetPart {
  if (value === null || value === undefined) return null;
  return [name, `<${name}>${escapeXml(String(value))}</${name}>`];
}

export function refPart(name: string, ref: { listId: string; fullName: string } | null): RetPart {
  if (!ref) return null;
  return [
    name,
    element(name, {}, [
      ["ListID", ref.listId],
      ["FullName", ref.fullName],
    ]),
  ];
}

/** Renders a `*Ret`, keeping only the elements `IncludeRetElement` names when the request names any. */
export function renderRet(name: string, parts: readonly RetPart[], include: readonly string[]): string {
  const kept = parts.filter((p): p is readonly [string, string] => p !== null);
  const chosen = include.length === 0 ? kept : kept.filter(([n]) => include.includes(n));
  return `<${name}>${chosen.map(([, xml]) => xml).join("")}</${name}>`;
}

export function money(value: number): string {
  return value.toFixed(2);
}
