import { customerRet, itemRet } from "./list-render.ts";
import {
  type Handler,
  invalidValue,
  missingElement,
  nameInUse,
  objectNotFound,
  QbStatus,
  staleEditSequence,
} from "./qbxml-status.ts";
import { child, childrenNamed, textOf } from "./xml.ts";

const includeOf = (rq: Parameters<Handler>[0]) => childrenNamed(rq, "IncludeRetElement").map((n) => n.text);

const customerAdd: Handler = (rq, ctx) => {
  const node = child(rq, "CustomerAdd");
  const name = node && textOf(node, "Name");
  if (!node || name === undefined) throw missingElement("Name");
  if (name.length > 41) throw new QbStatus(3070, `The string "${name}" in the field "Name" is too long.`);
  if (ctx.company.nameInUse(name)) throw nameInUse(name);
  const customer = ctx.company.addCustomer(name);
  if (textOf(node, "IsActive") === "false") customer.isActive = false;
  return { body: [customerRet(ctx.company, customer, includeOf(rq))] };
};

/**
 * `ItemInventoryMod`: needs the item's current EditSequence (3200 otherwise). The stale switch
 * plays an accountant saving the item in QuickBooks just before the request arrives.
 */
const itemInventoryMod: Handler = (rq, ctx) => {
  const node = child(rq, "ItemInventoryMod");
  const listId = node && textOf(node, "ListID");
  const sequence = node && textOf(node, "EditSequence");
  if (!node || listId === undefined) throw missingElement("ListID");
  if (sequence === undefined) throw missingElement("EditSequence");
  const item = ctx.company.items.get(listId);
  if (item?.type !== "ItemInventory") throw objectNotFound(listId);
  if (ctx.switches.staleEditSequences > 0) {
    ctx.switches.staleEditSequences -= 1;
    ctx.company.touch(item);
  }
  if (item.editSequence !== sequence) throw staleEditSequence(sequence);
  const name = textOf(node, "Name");
  if (name !== undefined && name.toLowerCase() !== item.name.toLowerCase()) {
    if (ctx.company.nameInUse(name)) throw nameInUse(name);
    ctx.company.renameItem(item, name);
  }
  const active = textOf(node, "IsActive");
  if (active !== undefined) item.isActive = active === "true";
  const part = textOf(node, "ManufacturerPartNumber");
  if (part !== undefined) item.manufacturerPartNumber = part;
  const desc = textOf(node, "SalesDesc");
  if (desc !== undefined) item.salesDesc = desc;
  const price = textOf(node, "SalesPrice");
  if (price !== undefined) {
    if (!Number.isFinite(Number(price)) || price.trim() === "") throw invalidValue("SalesPrice", price);
    item.salesPrice = Number(price).toFixed(2);
  }
  ctx.company.touch(item);
  return { body: [itemRet(ctx.company, item, includeOf(rq))] };
};

export const LIST_WRITES: Readonly<Record<string, Handler>> = {
  CustomerAddRq: customerAdd,
  ItemInventoryModRq: itemInventoryMod,
};
