import type { AppContext } from "../../../context.ts";
import { passwordWork } from "../../accounts/index.ts";
import { type Connection, credentialsOf, listConnectionsAcrossAccounts } from "../../connections/index.ts";
import { pollingProtocolOf } from "./protocol.ts";
import { workLeft } from "./queue.ts";
import { readBackSource } from "./stock-counts.ts";
import { loginLocked, openTicket, recordContact, recordLoginFailure } from "./tickets.ts";
import { webConnectorCalledIn } from "./watch.ts";

/** `authenticate` answers (§8.3): [ticket, ""] work on the open company, [ticket, "none"], or ["", "nvu"]. */
export type AuthenticateResult = [ticket: string, status: string];
const NOT_VALID: AuthenticateResult = ["", "nvu"];

/** The Desktop connections that name this Web Connector user (the hint is stored in clear, the password only hashed). */
async function connectionsOfUser(ctx: AppContext, username: string): Promise<Connection[]> {
  const all = await listConnectionsAcrossAccounts(ctx.db);
  return all.filter((c) => c.credentialsHint.username === username && pollingProtocolOf(ctx, c));
}

/**
 * Checks the Web Connector's user and password against the connection's scrypt hash, in the same
 * bulkhead as people's passwords. A connection with too many failures in the window answers "nvu"
 * without checking. An unknown user answers "nvu" at once: the user name is no secret (it is in
 * the .qwc file), the password is.
 */
export async function authenticate(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<AuthenticateResult> {
  const candidates = await connectionsOfUser(ctx, username);
  for (const connection of candidates) {
    const protocol = pollingProtocolOf(ctx, connection)!;
    if (await loginLocked(ctx.db, connection.id)) continue;
    const ok = await passwordWork.execute(() =>
      protocol.checkPassword(credentialsOf(ctx, connection), password),
    );
    if (!ok) {
      await recordLoginFailure(ctx.db, connection.accountId, connection.id);
      continue;
    }
    await recordContact(ctx.db, connection.accountId, connection.id, true);
    await webConnectorCalledIn(ctx.db, connection.id);
    const ticket = await openTicket(ctx, connection.accountId, connection.id);
    // In test mode nothing outbound is prepared (R-CON-3), so there is never work to hand over.
    const left = connection.mode === "test" ? null : await workLeft(ctx.db, connection.id);
    // The inventory source is read in every session: QuickBooks Desktop cannot tell the hub of changes.
    const due =
      (left !== null && left.queued + left.sent + left.preparing > 0) ||
      (await readBackSource(ctx, { accountId: connection.accountId, connectionId: connection.id })) !== null;
    return [ticket, due ? "" : "none"];
  }
  return NOT_VALID;
}
