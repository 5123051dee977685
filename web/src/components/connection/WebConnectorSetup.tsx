import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Connection } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { ErrorBox } from "../ErrorBox.tsx";

type WebConnectorStatus = {
  username: string;
  runEveryMinutes: number;
  qwcIssuedAt: string | null;
  lastContactAt: string | null;
  silentAfterMinutes: number;
  silent: boolean;
  inventorySource: boolean;
  stockReadFrom: string | null;
};

const SCHEDULES = [5, 15, 30, 60];
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A password for the Web Connector: 20 characters from the browser's random source, never sent back. */
function newPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join("");
}

function LastContact(props: { status: WebConnectorStatus }) {
  const s = props.status;
  const text = s.lastContactAt
    ? `Last Web Connector contact: ${dateTime(s.lastContactAt)}`
    : s.qwcIssuedAt
      ? `The Web Connector has not called in yet (.qwc downloaded ${dateTime(s.qwcIssuedAt)})`
      : "The Web Connector has not called in yet: follow the steps below";
  return (
    <>
      <p>{text}</p>
      {s.silent && (
        <p className="notice" role="alert" aria-label="Web Connector silent">
          No call for more than {s.silentAfterMinutes} minutes ({s.runEveryMinutes}-minute schedule): check
          that the PC is on, QuickBooks is open with the company file, and Auto-Run is ticked in the Web
          Connector.
        </p>
      )}
      {s.inventorySource && (
        <p className="small muted">
          Inventory source: each session reads QuickBooks' quantities
          {s.stockReadFrom ? `; items changed since ${dateTime(s.stockReadFrom)} are read next` : ""}.
        </p>
      )}
    </>
  );
}

/**
 * On a QuickBooks Desktop connection: the .qwc download with the three steps a merchant follows in
 * the Web Connector, the last call, and a new password shown once (only its hash is kept).
 */
export function WebConnectorSetup(props: { connection: Connection }) {
  const id = props.connection.id;
  const status = useQuery({
    queryKey: ["connections", id, "web-connector"],
    queryFn: () => unwrap(client.GET("/api/v1/connections/{id}/web-connector", { params: { path: { id } } })),
  });
  const [every, setEvery] = useState(15);
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const s = status.data;

  const resetPassword = async () => {
    if (!s) return;
    setError(undefined);
    const next = newPassword();
    try {
      await unwrap(
        client.PATCH("/api/v1/connections/{id}", {
          params: { path: { id } },
          body: { credentials: { username: s.username, password: next } },
        }),
      );
      setPassword(next);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card" aria-label="QuickBooks Web Connector">
      <h2>QuickBooks Web Connector</h2>
      <ErrorBox error={status.error ?? error} />
      {s && <LastContact status={s} />}
      <ol>
        <li>
          Download the Web Connector file, running every{" "}
          <select aria-label="Schedule" value={every} onChange={(e) => setEvery(Number(e.target.value))}>
            {SCHEDULES.map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>{" "}
          <a
            href={`/api/v1/connections/${id}/qwc?runEveryMinutes=${every}`}
            download
            onClick={() => status.refetch()}
          >
            Download the .qwc file
          </a>
        </li>
        <li>
          On the PC with QuickBooks Desktop, open the company file as the Admin user, then open the QuickBooks
          Web Connector (in QuickBooks: File → Update Web Services). Choose <em>Add an application</em>, pick
          the downloaded file, and when QuickBooks asks, allow access "Yes, whenever this QuickBooks company
          file is open".
        </li>
        <li>
          In the Web Connector's Stockwire row, type the password of user <code>{s?.username ?? "…"}</code> in
          the Password column and press Enter, answer Yes to save it, then tick <em>Auto-Run</em>.
        </li>
      </ol>
      <p className="small">
        The password is the one chosen when pairing. Stockwire keeps only a hash of it and cannot show it
        again; a new one replaces it at once (the Web Connector then needs the new one).{" "}
        <button type="button" onClick={resetPassword} disabled={!s}>
          Set a new password
        </button>
      </p>
      {password && (
        <p className="notice" role="status" aria-label="New Web Connector password">
          New password: <code>{password}</code> — type it in the Web Connector now; it is shown only this
          once.
        </p>
      )}
    </section>
  );
}
