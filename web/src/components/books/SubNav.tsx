import { usePath } from "../../router.ts";
import { Link } from "../common.tsx";
import "../screens.css";

/** Tabs under a page heading (Orders · Summaries · Manual sync, …); the exact path is active. */
export function SubNav(props: { label: string; items: { to: string; label: string }[] }) {
  const path = usePath();
  return (
    <nav className="subnav" aria-label={props.label}>
      {props.items.map((item) => (
        <Link key={item.to} to={item.to} className={path === item.to ? "active" : ""}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

export const ORDERS_TABS = [
  { to: "/orders", label: "All orders" },
  { to: "/orders/summaries", label: "Summaries" },
  { to: "/orders/sync", label: "Manual sync" },
];
export const PRODUCTS_TABS = [
  { to: "/products", label: "Products" },
  { to: "/warehouses", label: "Warehouses" },
];
export const PLANNER_TABS = [
  { to: "/planner", label: "Report" },
  { to: "/planner/goals", label: "Goals" },
];
export const NOTIFICATION_TABS = [
  { to: "/notifications", label: "Centre" },
  { to: "/notifications/settings", label: "Settings" },
  { to: "/notifications/alerts", label: "Custom alerts" },
];
