import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { Connection } from "../../api/types.ts";

const NONE: Connection[] = [];

/** The account's connections, and a name for an id (lists show names, the API gives ids). */
export function useConnections() {
  const loaded = useQuery({
    queryKey: ["connections"],
    queryFn: () => unwrap(client.GET("/api/v1/connections")),
  });
  const items = loaded.data?.items ?? NONE;
  const nameOf = (id: string | null | undefined) =>
    id ? (items.find((c) => c.id === id)?.name ?? "a removed connection") : "—";
  return { items, nameOf, error: loaded.error };
}

/** A local calendar day as the instant it starts or ends, for the API's inclusive date filters. */
export function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}
export function dayEnd(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}
