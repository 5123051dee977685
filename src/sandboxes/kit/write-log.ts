/** One request that could change the store, as the hub sent it and as the sandbox answered. */
export interface WriteRecord {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  status: number | null;
}

const MAX_RECORDS = 10_000;

/**
 * What the hub wrote: every non-GET API request with its parsed body and final status, so a
 * test can assert "the hub set SKU X to 7" without reading the store's internals.
 */
export class WriteLog {
  private records: WriteRecord[] = [];
  private seq = 0;

  constructor(private readonly nowMs: () => number) {}

  add(entry: Omit<WriteRecord, "seq" | "at" | "status">): WriteRecord {
    this.seq += 1;
    const record: WriteRecord = {
      ...entry,
      seq: this.seq,
      at: new Date(this.nowMs()).toISOString(),
      status: null,
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  list(filter: { readonly pathContains?: string; readonly sinceSeq?: number } = {}): readonly WriteRecord[] {
    return this.records.filter(
      (r) =>
        (filter.pathContains === undefined || r.path.includes(filter.pathContains)) &&
        (filter.sinceSeq === undefined || r.seq > filter.sinceSeq),
    );
  }

  clear(): void {
    this.records = [];
  }
}
