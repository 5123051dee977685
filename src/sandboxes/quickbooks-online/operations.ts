import { offersInventoryAdjustment } from "./company.ts";
import { faults } from "./faults.ts";
import { applyStock, stockDelta } from "./inventory-effects.ts";
import { type EntityKind, type KindContext, visible } from "./kinds/kind.ts";
import { type Fields, isRecord, type QboEntity } from "./types.ts";

export interface DeletedMarker {
  domain: "QBO";
  status: "Deleted";
  Id: string;
}

function requireBody(body: unknown): Fields {
  if (!isRecord(body)) throw faults.invalidProperty("body");
  return body;
}

/** Update, delete and void all name the row and prove the caller saw its latest version. */
function currentVersion(ctx: KindContext, kind: EntityKind, body: Fields): QboEntity {
  const id = body.Id;
  if (id === undefined || id === null || id === "") throw faults.requiredParam("Id");
  const existing = visible(ctx, kind.name, String(id));
  if (!existing) throw faults.objectNotFound();
  const syncToken = body.SyncToken;
  if (syncToken === undefined || syncToken === null || syncToken === "")
    throw faults.requiredParam("SyncToken");
  if (String(syncToken) !== existing.SyncToken) throw faults.staleObject();
  return existing;
}

export function readEntity(ctx: KindContext, kind: EntityKind, id: string): QboEntity {
  const entity = visible(ctx, kind.name, id);
  if (!entity) throw faults.objectNotFound();
  return entity;
}

export function createEntity(ctx: KindContext, kind: EntityKind, raw: unknown): QboEntity {
  if (!kind.operations.create)
    throw faults.unsupportedOperation(`Operation Create is not supported for ${kind.name}.`);
  const fields = kind.normalize(requireBody(raw), ctx);
  const entity = ctx.store.insert(kind.name, fields);
  applyStock(ctx, stockDelta([], kind.stockLines?.(entity) ?? []));
  return entity;
}

/** Full update replaces every writable field; `"sparse": true` changes only the fields sent. */
export function updateEntity(ctx: KindContext, kind: EntityKind, raw: unknown): QboEntity {
  if (!kind.operations.update)
    throw faults.unsupportedOperation(`Operation Update is not supported for ${kind.name}.`);
  const body = requireBody(raw);
  const existing = currentVersion(ctx, kind, body);
  const merged = body.sparse === true ? { ...existing, ...body } : body;
  const fields = kind.normalize(merged, ctx, existing);
  const entity = ctx.store.replace(kind.name, existing.Id, fields);
  applyStock(ctx, stockDelta(kind.stockLines?.(existing) ?? [], kind.stockLines?.(entity) ?? []));
  return entity;
}

export function deleteEntity(ctx: KindContext, kind: EntityKind, raw: unknown): DeletedMarker {
  if (!kind.operations.delete) throw faults.unsupportedOperation("Operation Delete is not supported.");
  const existing = currentVersion(ctx, kind, requireBody(raw));
  ctx.store.remove(kind.name, existing.Id);
  applyStock(ctx, stockDelta(kind.stockLines?.(existing) ?? [], []));
  return { domain: "QBO", status: "Deleted", Id: existing.Id };
}

/** Voiding keeps the document with zero amounts and returns its stock. */
export function voidEntity(ctx: KindContext, kind: EntityKind, raw: unknown): QboEntity {
  if (!kind.operations.void || !kind.voided)
    throw faults.unsupportedOperation("Operation Void is not supported.");
  const existing = currentVersion(ctx, kind, requireBody(raw));
  const entity = ctx.store.replace(kind.name, existing.Id, kind.voided(existing), "Void");
  applyStock(ctx, stockDelta(kind.stockLines?.(existing) ?? [], kind.stockLines?.(entity) ?? []));
  return entity;
}

/** Entities a company's country or edition does not have answer as an unsupported operation. */
export function assertOffered(ctx: KindContext, kind: EntityKind): void {
  if (kind.name === "InventoryAdjustment" && !offersInventoryAdjustment(ctx.company)) {
    throw faults.unsupportedOperation(
      `Operation Could not find resource for relative : /inventoryadjustment is not supported. InventoryAdjustment needs a US QuickBooks Online Plus or Advanced company; this one is ${ctx.company.country} ${ctx.company.edition}.`,
    );
  }
}

/**
 * What a `POST /<entity>` means: `?operation=delete|void|update|create`, `?include=void` (the
 * sales-receipt void form), or, with no operation, an update when the body names an `Id`.
 */
export function postEntity(
  ctx: KindContext,
  kind: EntityKind,
  body: unknown,
  operation: string | undefined,
  include: string | undefined,
): QboEntity | DeletedMarker {
  assertOffered(ctx, kind);
  const op = operation?.toLowerCase();
  if (op === "delete") return deleteEntity(ctx, kind, body);
  if (op === "void" || include?.toLowerCase() === "void") return voidEntity(ctx, kind, body);
  if (op === "update") return updateEntity(ctx, kind, body);
  if (op === "create") return createEntity(ctx, kind, body);
  if (op !== undefined) throw faults.unsupportedOperation(`Operation ${operation} is not supported.`);
  return isRecord(body) && body.Id !== undefined
    ? updateEntity(ctx, kind, body)
    : createEntity(ctx, kind, body);
}
