import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { Connection } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

/** What a shadow-mode connection would have sent, newest first. */
export function PreviewsTab(props: { connection: Connection }) {
  const c = props.connection;
  const previews = useQuery({
    queryKey: ["connections", c.id, "previews"],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/connections/{id}/previews", {
          params: { path: { id: c.id }, query: { limit: 200 } },
        }),
      ),
  });
  return (
    <section className="card">
      <h2>Shadow previews</h2>
      <p className="muted small">
        {c.mode === "shadow"
          ? `${c.name} is in shadow mode: nothing is sent to it; this is what would have been sent.`
          : `Switch ${c.name} to shadow mode to record what would be sent here before going live.`}{" "}
        <button type="button" className="link-button" onClick={() => void previews.refetch()}>
          Refresh
        </button>
      </p>
      <ErrorBox error={previews.error} />
      {!previews.data && previews.isFetching && <Loading what="previews" />}
      {previews.data?.items.length === 0 && <p className="muted">No previews yet.</p>}
      {previews.data && previews.data.items.length > 0 && (
        <table aria-label="Shadow previews">
          <thead>
            <tr>
              <th>Would send</th>
              <th>Feed</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {previews.data.items.map((p) => (
              <tr key={p.id}>
                <td>{p.description}</td>
                <td>{p.kind}</td>
                <td>{dateTime(p.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
