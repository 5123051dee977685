import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, type Platform, unwrap } from "../api/client.ts";
import { Badge, Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { PairForm } from "../components/PairForm.tsx";
import { dateTime } from "../format.ts";
import { navigate } from "../router.ts";

export function Connections() {
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => unwrap(client.GET("/api/v1/connections")),
  });
  const platforms = useQuery({
    queryKey: ["platforms"],
    queryFn: () => unwrap(client.GET("/api/v1/platforms")),
  });
  const [pairing, setPairing] = useState<Platform | null>(null);

  return (
    <>
      <h1>Connections</h1>
      <section className="card">
        <ErrorBox error={connections.error} />
        {connections.isFetching && !connections.data && <Loading what="connections" />}
        {connections.data?.items.length === 0 && <p className="muted">Nothing connected yet.</p>}
        {connections.data && connections.data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Platform</th>
                <th>Account</th>
                <th>Mode</th>
                <th>Connected</th>
              </tr>
            </thead>
            <tbody>
              {connections.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/connections/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.platform}</td>
                  <td>{c.label ?? "—"}</td>
                  <td>
                    <Badge value={c.mode} />
                  </td>
                  <td>{dateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Connect a platform</h2>
        <ErrorBox error={platforms.error} />
        <div className="row">
          {platforms.data?.items.map((p) => (
            <button
              key={p.platform}
              type="button"
              className={pairing?.platform === p.platform ? "primary" : ""}
              onClick={() => setPairing(p)}
            >
              {p.displayName}
            </button>
          ))}
        </div>
        {pairing && (
          <PairForm
            key={pairing.platform}
            platform={pairing}
            onPaired={(c) => navigate(`/connections/${c.id}`)}
          />
        )}
      </section>
    </>
  );
}
