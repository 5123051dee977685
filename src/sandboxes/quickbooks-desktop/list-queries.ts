import type { Account, Company, Item, SalesTaxCode } from "./company.ts";
import { accountRet, customerRet, itemRet, salesTaxCodeRet } from "./list-render.ts";
import { parseDateTime } from "./qb-time.ts";
import {
  type Handler,
  type HandlerResult,
  invalidValue,
  noMatch,
  QbStatus,
  type RequestContext,
} from "./qbxml-status.ts";
import { child, childrenNamed, textOf, type XmlNode } from "./xml.ts";

interface ListRow {
  readonly listId: string;
  readonly name: string;
  readonly isActive: boolean;
  readonly timeModifiedMs: number;
}

interface ListKind<T extends ListRow> {
  all(company: Company): T[];
  byId(company: Company, listId: string): T | undefined;
  byName(company: Company, name: string): T | undefined;
  render(company: Company, row: T, include: readonly string[]): string;
}

const lower = (s: string) => s.toLowerCase();

/** The filters of a list query (`ActiveStatus`, modified dates, name filters), QuickBooks' way. */
function filtered<T extends ListRow>(rq: XmlNode, company: Company, rows: T[]): T[] {
  const offset = company.clock.utcOffsetMinutes;
  const date = (name: string): number | null => {
    const raw = textOf(rq, name);
    if (raw === undefined) return null;
    const ms = parseDateTime(raw, offset);
    if (ms === null) throw invalidValue(name, raw);
    return ms;
  };
  const from = date("FromModifiedDate");
  const to = date("ToModifiedDate");
  const active = textOf(rq, "ActiveStatus") ?? "ActiveOnly";
  const nameFilter = child(rq, "NameFilter");
  const range = child(rq, "NameRangeFilter");
  return (
    rows
      .filter((row) => active === "All" || row.isActive === (active === "ActiveOnly"))
      // QuickBooks compares at whole seconds, the precision it stores.
      .filter((row) => from === null || Math.floor(row.timeModifiedMs / 1000) * 1000 >= from)
      .filter((row) => to === null || Math.floor(row.timeModifiedMs / 1000) * 1000 <= to)
      .filter((row) => !nameFilter || nameMatches(row.name, nameFilter))
      .filter((row) => {
        if (!range) return true;
        const fromName = textOf(range, "FromName");
        const toName = textOf(range, "ToName");
        const name = lower(row.name);
        return (
          (fromName === undefined || name >= lower(fromName)) &&
          (toName === undefined || name <= lower(toName))
        );
      })
      .sort((a, b) => (lower(a.name) < lower(b.name) ? -1 : lower(a.name) > lower(b.name) ? 1 : 0))
  );
}

function nameMatches(name: string, filter: XmlNode): boolean {
  const wanted = lower(textOf(filter, "Name") ?? "");
  const have = lower(name);
  const criterion = textOf(filter, "MatchCriterion");
  if (criterion === "StartsWith") return have.startsWith(wanted);
  if (criterion === "Contains") return have.includes(wanted);
  if (criterion === "EndsWith") return have.endsWith(wanted);
  throw invalidValue("MatchCriterion", criterion ?? "");
}

/** A list query: by `ListID`/`FullName` (500 for any not found), or by filters, paged by iterator. */
function listQuery<T extends ListRow>(kind: ListKind<T>): Handler {
  return (rq: XmlNode, ctx: RequestContext): HandlerResult => {
    const { company } = ctx;
    const include = childrenNamed(rq, "IncludeRetElement").map((n) => n.text);
    const ids = childrenNamed(rq, "ListID").map((n) => n.text);
    const names = childrenNamed(rq, "FullName").map((n) => n.text);
    if (ids.length > 0 || names.length > 0) {
      const found: T[] = [];
      const missing: string[] = [];
      for (const id of ids) {
        const row = kind.byId(company, id);
        if (row) found.push(row);
        else missing.push(id);
      }
      for (const name of names) {
        const row = kind.byName(company, name);
        if (row) found.push(row);
        else missing.push(name);
      }
      const body = found.map((row) => kind.render(company, row, include));
      if (missing.length === 0) return { body };
      const status = new QbStatus(
        500,
        `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
      );
      return { status, body };
    }
    const page = ctx.iterators.page(
      rq,
      (row: T) => row.listId,
      () => filtered(rq, company, kind.all(company)),
      (listId) => kind.byId(company, listId),
    );
    const body = page.rows.map((row) => kind.render(company, row, include));
    return { body, attrs: page.attrs, ...(body.length === 0 ? { status: noMatch() } : {}) };
  };
}

/** Tax codes are never modified after the seed. */
function taxCodeRow(code: SalesTaxCode): SalesTaxCode & ListRow;
function taxCodeRow(code: SalesTaxCode | undefined): (SalesTaxCode & ListRow) | undefined;
function taxCodeRow(code: SalesTaxCode | undefined): (SalesTaxCode & ListRow) | undefined {
  return code && { ...code, timeModifiedMs: code.timeCreatedMs };
}

type AccountRow = Account & ListRow;

/** Accounts are always active here and never modified after the seed. */
function accountRow(account: Account): AccountRow;
function accountRow(account: Account | undefined): AccountRow | undefined;
function accountRow(account: Account | undefined): AccountRow | undefined {
  return account && { ...account, isActive: true, timeModifiedMs: account.timeCreatedMs };
}

const items = (types: readonly string[]): ListKind<Item> => ({
  all: (company) => [...company.items.values()].filter((item) => types.includes(item.type)),
  byId: (company, listId) => {
    const item = company.items.get(listId);
    return item && types.includes(item.type) ? item : undefined;
  },
  byName: (company, name) => {
    const item = company.itemByName(name);
    return item && types.includes(item.type) ? item : undefined;
  },
  render: itemRet,
});

export const LIST_QUERIES: Readonly<Record<string, Handler>> = {
  ItemInventoryQueryRq: listQuery(items(["ItemInventory"])),
  ItemInventoryAssemblyQueryRq: listQuery(items(["ItemInventoryAssembly"])),
  ItemServiceQueryRq: listQuery(items(["ItemService"])),
  ItemDiscountQueryRq: listQuery(items(["ItemDiscount"])),
  ItemQueryRq: listQuery(items(["ItemInventory", "ItemInventoryAssembly", "ItemService", "ItemDiscount"])),
  CustomerQueryRq: listQuery({
    all: (company) => [...company.customers.values()],
    byId: (company, listId) => company.customers.get(listId),
    byName: (company, name) => company.customerByName(name),
    render: customerRet,
  }),
  SalesTaxCodeQueryRq: listQuery<SalesTaxCode & ListRow>({
    all: (company) => [...company.salesTaxCodes.values()].map((c) => taxCodeRow(c)),
    byId: (company, listId) => taxCodeRow(company.salesTaxCodes.get(listId)),
    byName: (company, name) => taxCodeRow(company.salesTaxCodeByName(name)),
    render: salesTaxCodeRet,
  }),
  AccountQueryRq: listQuery<AccountRow>({
    all: (company) => [...company.accounts.values()].map((a) => accountRow(a)),
    byId: (company, listId) => accountRow(company.accounts.get(listId)),
    byName: (company, name) => accountRow(company.accountByName(name)),
    render: accountRet,
  }),
};
