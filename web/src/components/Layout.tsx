import type { ReactNode } from "react";
import type { Me } from "../api/types.ts";
import { Bell } from "./Bell.tsx";
import { Link } from "./common.tsx";

const NAV = [
  { to: "/", label: "Home" },
  { to: "/connections", label: "Connections" },
  { to: "/sync-log", label: "Sync log" },
  { to: "/products", label: "Products & stock" },
  { to: "/orders", label: "Orders" },
  { to: "/planner", label: "Planner" },
  { to: "/notifications", label: "Notifications" },
];

function isActive(to: string, path: string): boolean {
  return to === "/" ? path === "/" : path === to || path.startsWith(`${to}/`);
}

export function Layout(props: { me: Me; path: string; onSignOut: () => void; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Stockwire</span>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <Link key={item.to} to={item.to} className={isActive(item.to, props.path) ? "active" : ""}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-right">
          <Bell />
          <span className="muted small">{props.me.account.name}</span>
          <button type="button" className="link-button" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>{props.children}</main>
    </div>
  );
}
