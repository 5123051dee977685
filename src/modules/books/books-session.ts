import type { BooksClient } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { type Connection, openSession } from "../connections/index.ts";

type WithBooks = { books(): BooksClient };

function hasBooks(session: object): session is WithBooks {
  return "books" in session && typeof session.books === "function";
}

/**
 * The books API of a connection. Decided by what the connector's session offers, not by platform
 * name, so another books platform only has to provide `books()`.
 */
export function booksClientOf(ctx: AppContext, connection: Connection): BooksClient {
  const session = openSession(ctx, connection);
  if (!hasBooks(session)) throw new Error(`${connection.platform} sessions have no books API`);
  return session.books();
}
