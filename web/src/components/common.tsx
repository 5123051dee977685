import type { MouseEvent, ReactNode } from "react";
import { navigate } from "../router.ts";

export function Link(props: { to: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} onClick={onClick} className={props.className}>
      {props.children}
    </a>
  );
}

export function Loading(props: { what: string }) {
  return <p className="muted">Loading {props.what}…</p>;
}

export function Badge(props: { value: string; tone?: string }) {
  return (
    <span className={`badge badge-${props.tone ?? props.value}`}>{props.value.replaceAll("_", " ")}</span>
  );
}
