import type { BooksTaxCode } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../lib/errors.ts";
import { type Connection, getConnection, updateConnection } from "../connections/index.ts";
import { booksClientOf } from "./books-session.ts";

/** What a books connection's postings carry as tax code: per channel, else the default, else none. */
export type BooksTaxSettings = {
  defaultTaxCode: string | null;
  /** Channel connection id → tax code id. */
  channelTaxCodes: Record<string, string>;
};

export type BooksTaxSettingsPatch = Partial<BooksTaxSettings>;

export function taxSettingsOf(books: Connection): BooksTaxSettings {
  const stored = books.settings.booksTaxCodes;
  return { defaultTaxCode: stored?.default ?? null, channelTaxCodes: { ...(stored?.channels ?? {}) } };
}

/** The tax code for a posting from `channelConnectionId` to `books`; null leaves it to the platform. */
export function taxCodeFor(books: Connection, channelConnectionId: string | null): string | null {
  const settings = taxSettingsOf(books);
  return (channelConnectionId && settings.channelTaxCodes[channelConnectionId]) || settings.defaultTaxCode;
}

/** A books platform without tax codes offers none to choose, so any code named is refused. */
async function companyTaxCodes(ctx: AppContext, books: Connection): Promise<BooksTaxCode[]> {
  let client: ReturnType<typeof booksClientOf>;
  try {
    client = booksClientOf(ctx, books);
  } catch {
    throw new AppError("invalid_data", "not_a_books_connection", `${books.name} is not a books connection`);
  }
  return client.listTaxCodes ? client.listTaxCodes() : [];
}

/** The settings with the company's tax codes to choose from (read from the books platform). */
export async function getTaxSettings(
  ctx: AppContext,
  accountId: string,
  booksConnectionId: string,
): Promise<BooksTaxSettings & { taxCodes: BooksTaxCode[] }> {
  const books = await getConnection(ctx.db, accountId, booksConnectionId);
  return { ...taxSettingsOf(books), taxCodes: await companyTaxCodes(ctx, books) };
}

/**
 * Saves the tax settings of a books connection after checking every code against the company's
 * active tax codes and every channel against the account's connections (another account's id is a
 * 404, the books connection itself is refused). Nothing is saved when one fails.
 */
export async function putTaxSettings(
  ctx: AppContext,
  accountId: string,
  booksConnectionId: string,
  patch: BooksTaxSettingsPatch,
): Promise<BooksTaxSettings & { taxCodes: BooksTaxCode[] }> {
  const books = await getConnection(ctx.db, accountId, booksConnectionId);
  const next = { ...taxSettingsOf(books), ...patch };
  for (const channelId of Object.keys(next.channelTaxCodes)) {
    if (channelId === booksConnectionId)
      throw new AppError(
        "invalid_data",
        "not_a_channel_connection",
        "a books connection has no tax mapping to itself",
      );
    await getConnection(ctx.db, accountId, channelId);
  }
  const taxCodes = await companyTaxCodes(ctx, books);
  const usable = new Set(taxCodes.filter((code) => code.active).map((code) => code.id));
  const named = [next.defaultTaxCode, ...Object.values(next.channelTaxCodes)].filter(
    (code): code is string => code !== null,
  );
  const unknown = named.filter((code) => !usable.has(code));
  if (unknown.length > 0) {
    throw new AppError(
      "invalid_data",
      "unknown_tax_code",
      `not an active tax code of this company: ${[...new Set(unknown)].join(", ")}`,
    );
  }
  const saved = await updateConnection(ctx, accountId, booksConnectionId, {
    settings: { booksTaxCodes: { default: next.defaultTaxCode, channels: next.channelTaxCodes } },
  });
  return { ...taxSettingsOf(saved), taxCodes };
}
