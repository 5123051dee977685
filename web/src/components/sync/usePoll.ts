import { useEffect } from "react";

/** Calls `tick` every `ms` while `active` (a feed run in progress), so progress shows without a click. */
export function usePoll(tick: () => void, active: boolean, ms = 1500): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  }, [tick, active, ms]);
}
