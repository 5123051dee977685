import type { Clock } from "./clock.ts";
import { formatDateTime, truncateToSecond } from "./qbo-time.ts";
import {
  type ChangeOperation,
  type EntityChange,
  type EntityName,
  type Fields,
  ID_SPACE,
  type IdSpace,
  type QboEntity,
} from "./types.ts";

interface Row {
  entity: QboEntity;
  updatedMs: number;
}

export interface Tombstone {
  Id: string;
  deletedMs: number;
}

export type ChangedRow =
  | { kind: "live"; entity: QboEntity; ms: number }
  | { kind: "deleted"; tombstone: Tombstone; ms: number };

const SERVER_FIELDS = new Set(["Id", "SyncToken", "MetaData", "domain", "sparse"]);

function writable(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !SERVER_FIELDS.has(key)));
}

/**
 * Rows per entity, with the bookkeeping QBO does on every write: numeric string ids, a SyncToken
 * bumped on each change, MetaData times at whole seconds, and tombstones so CDC can report deletes.
 * Reads hand out copies so no caller can change a row without going through a write.
 */
export class EntityStore {
  private rows = new Map<EntityName, Map<string, Row>>();
  private tombstones = new Map<EntityName, Map<string, Tombstone>>();
  private counters = new Map<IdSpace, number>();
  private listeners = new Set<(change: EntityChange) => void>();

  constructor(private readonly clock: Clock) {}

  get(name: EntityName, id: string): QboEntity | undefined {
    const row = this.rows.get(name)?.get(id);
    return row ? structuredClone(row.entity) : undefined;
  }

  list(name: EntityName): QboEntity[] {
    return [...(this.rows.get(name)?.values() ?? [])].map((row) => structuredClone(row.entity));
  }

  /** Read-only scan without copying, for queries and uniqueness checks over large lists. */
  peek(name: EntityName): Iterable<Readonly<QboEntity>> {
    return [...(this.rows.get(name)?.values() ?? [])].map((row) => row.entity);
  }

  count(name: EntityName): number {
    return this.rows.get(name)?.size ?? 0;
  }

  /** `at` lets the seed back-date rows; `silent` keeps seeding out of webhooks. */
  /** `id` seeds rows whose ids QBO fixes (tax codes "TAX"/"NON"); others are numbered. */
  insert(
    name: EntityName,
    fields: Fields,
    options: { at?: number; silent?: boolean; id?: string } = {},
  ): QboEntity {
    const ms = truncateToSecond(options.at ?? this.clock.now());
    const space = ID_SPACE[name];
    const next = (this.counters.get(space) ?? 0) + 1;
    if (options.id === undefined) this.counters.set(space, next);
    const entity: QboEntity = {
      ...writable(fields),
      Id: options.id ?? String(next),
      SyncToken: "0",
      MetaData: { CreateTime: formatDateTime(ms), LastUpdatedTime: formatDateTime(ms) },
      domain: "QBO",
      sparse: false,
    };
    this.table(name).set(entity.Id, { entity, updatedMs: ms });
    if (!options.silent) this.emit({ entity: name, id: entity.Id, operation: "Create", at: ms });
    return structuredClone(entity);
  }

  /** Replaces every writable field; callers merge first for sparse updates. */
  replace(name: EntityName, id: string, fields: Fields, operation: ChangeOperation = "Update"): QboEntity {
    const row = this.rows.get(name)?.get(id);
    if (!row) throw new Error(`${name} ${id} does not exist`);
    const ms = truncateToSecond(this.clock.now());
    const entity: QboEntity = {
      ...writable(fields),
      Id: id,
      SyncToken: String(Number(row.entity.SyncToken) + 1),
      MetaData: { CreateTime: row.entity.MetaData.CreateTime, LastUpdatedTime: formatDateTime(ms) },
      domain: "QBO",
      sparse: false,
    };
    row.entity = entity;
    row.updatedMs = ms;
    this.emit({ entity: name, id, operation, at: ms });
    return structuredClone(entity);
  }

  remove(name: EntityName, id: string): void {
    const table = this.rows.get(name);
    if (!table?.delete(id)) throw new Error(`${name} ${id} does not exist`);
    const ms = truncateToSecond(this.clock.now());
    const tombstones = this.tombstones.get(name) ?? new Map<string, Tombstone>();
    tombstones.set(id, { Id: id, deletedMs: ms });
    this.tombstones.set(name, tombstones);
    this.emit({ entity: name, id, operation: "Delete", at: ms });
  }

  /** Rows and deletions at or after `sinceMs`, oldest first. */
  changedSince(name: EntityName, sinceMs: number): ChangedRow[] {
    const live: ChangedRow[] = [...(this.rows.get(name)?.values() ?? [])]
      .filter((row) => row.updatedMs >= sinceMs)
      .map((row) => ({ kind: "live", entity: structuredClone(row.entity), ms: row.updatedMs }));
    const deleted: ChangedRow[] = [...(this.tombstones.get(name)?.values() ?? [])]
      .filter((t) => t.deletedMs >= sinceMs)
      .map((tombstone) => ({ kind: "deleted", tombstone: { ...tombstone }, ms: tombstone.deletedMs }));
    return [...live, ...deleted].sort((a, b) => a.ms - b.ms);
  }

  onChange(listener: (change: EntityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.rows.clear();
    this.tombstones.clear();
    this.counters.clear();
  }

  private table(name: EntityName): Map<string, Row> {
    let table = this.rows.get(name);
    if (!table) {
      table = new Map();
      this.rows.set(name, table);
    }
    return table;
  }

  private emit(change: EntityChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
