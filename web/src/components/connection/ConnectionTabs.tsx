import { Link } from "../common.tsx";

export const TABS = [
  ["feeds", "Feeds"],
  ["executions", "Feed executions"],
  ["pending", "Pending queue"],
  ["previews", "Shadow previews"],
  ["orders", "Order settings"],
  ["inventory", "Inventory notifications"],
  ["notifications", "Notifications"],
  ["logs", "Logs"],
] as const;
export type TabKey = (typeof TABS)[number][0];

export const isTab = (value: string | undefined): value is TabKey => TABS.some(([key]) => key === value);

/** Tabs are paths (`/connections/:id/:tab`), so each can be linked to and survives a reload. */
export function ConnectionTabs(props: { connectionId: string; current: TabKey }) {
  return (
    <nav className="tabs" aria-label="Connection sections">
      {TABS.map(([key, label]) => (
        <Link
          key={key}
          to={`/connections/${props.connectionId}/${key}`}
          className={key === props.current ? "active" : ""}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
