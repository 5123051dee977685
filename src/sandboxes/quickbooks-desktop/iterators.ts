import { randomUUID } from "node:crypto";
import { QbStatus } from "./qbxml-status.ts";
import { textOf, type XmlNode } from "./xml.ts";

interface Iteration {
  readonly requestName: string;
  readonly keys: readonly string[];
  position: number;
}

export interface Page<T> {
  readonly rows: readonly T[];
  /** Attributes for the `*Rs`: `iteratorRemainingCount` and `iteratorID` when the request iterates. */
  readonly attrs: Readonly<Record<string, string>>;
}

/**
 * Iterators of one Web Connector session. QuickBooks keeps them for the application's session
 * only, so a new session starts with none and an old `iteratorID` is refused.
 */
export class Iterators {
  private readonly open = new Map<string, Iteration>();

  clear(): void {
    this.open.clear();
  }

  /**
   * One page of a query. `matches` runs only for a new query (no iterator or `iterator="Start"`);
   * `Continue` pages through the keys the `Start` found, resolving each again with `resolve`
   * (a row deleted since is skipped).
   */
  page<T>(
    rq: XmlNode,
    keyOf: (row: T) => string,
    matches: () => T[],
    resolve: (key: string) => T | undefined,
  ): Page<T> {
    const max = maxReturned(rq);
    const mode = rq.attrs.iterator;
    if (mode === "Continue") return this.next(rq, max, resolve);
    const rows = matches();
    if (mode !== "Start") return { rows: max === null ? rows : rows.slice(0, max), attrs: {} };
    const id = `{${randomUUID()}}`;
    const size = max ?? rows.length;
    const first = rows.slice(0, size);
    const remaining = rows.length - first.length;
    if (remaining > 0)
      this.open.set(id, { requestName: rq.name, keys: rows.map(keyOf), position: first.length });
    return { rows: first, attrs: { iteratorRemainingCount: String(remaining), iteratorID: id } };
  }

  private next<T>(rq: XmlNode, max: number | null, resolve: (key: string) => T | undefined): Page<T> {
    const id = rq.attrs.iteratorID ?? "";
    const iteration = this.open.get(id);
    // GUESS: the code QuickBooks uses for an unknown or expired iterator is not documented in our sources.
    if (!iteration || iteration.requestName !== rq.name)
      throw new QbStatus(3000, `The given object ID "${id}" in the field "iteratorID" is invalid.`);
    const keys = iteration.keys.slice(
      iteration.position,
      iteration.position + (max ?? iteration.keys.length),
    );
    iteration.position += keys.length;
    const remaining = iteration.keys.length - iteration.position;
    if (remaining === 0) this.open.delete(id);
    const rows = keys.map(resolve).filter((row): row is T => row !== undefined);
    return { rows, attrs: { iteratorRemainingCount: String(remaining), iteratorID: id } };
  }
}

function maxReturned(rq: XmlNode): number | null {
  const raw = textOf(rq, "MaxReturned");
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new QbStatus(3210, `The "MaxReturned" field has an invalid value "${raw}".`);
  return n;
}
