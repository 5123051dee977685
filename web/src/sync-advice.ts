/**
 * What a sync problem means for the merchant and what to do next, by the hub's stable error codes
 * (issue codes, run message codes). The hub's own message stays visible underneath for details.
 */
export type Advice = { what: string; next: string };

const byCode: Record<string, Advice> = {
  unknown_sku: {
    what: "An order contains a SKU that matches no product in Stockwire.",
    next: "Add the product in Stockwire (or correct the SKU on the channel so it matches), then press Replay.",
  },
  missing_sku: {
    what: "A product on the channel has no usable SKU, so Stockwire cannot match it.",
    next: "Give the variant a SKU on the channel, then press Replay.",
  },
  duplicate_sku: {
    what: "Two variants on the channel use the same SKU, so Stockwire does not know which is which.",
    next: "Make the SKUs unique on the channel, then press Replay.",
  },
  unpaid: {
    what: "The order is not paid yet, so it is not imported.",
    next: "Nothing to do: Stockwire checks it every hour and imports it once it is paid.",
  },
  platform_unavailable: {
    what: "The platform did not answer or asked Stockwire to slow down.",
    next: "Nothing to do: Stockwire retries by itself. If it keeps failing, check the platform's status page.",
  },
  push_failed: {
    what: "The platform refused the stock update for this SKU.",
    next: "Check that the product tracks inventory on the channel, then press Replay.",
  },
  fulfillment_failed: {
    what: "The shipping confirmation could not be sent to the channel.",
    next: "Check the order on the channel (already fulfilled or cancelled there?), then press Replay.",
  },
  books_posting_failed: {
    what: "The sale could not be posted to the books.",
    next: "Check the books connection (credentials, accounts it posts to), then press Replay.",
  },
  books_sku_unmatched: {
    what: "A SKU has no matching item in the books.",
    next: "Create the item in the books with the same name or SKU, then press Replay.",
  },
  books_sku_ambiguous: {
    what: "More than one item in the books matches this SKU.",
    next: "Make the item names unique in the books, then press Replay.",
  },
};

export function adviceFor(code: string, severity: string): Advice {
  const known = byCode[code];
  if (known) return known;
  if (severity === "retry")
    return { what: "A temporary problem.", next: "Nothing to do yet: Stockwire retries by itself." };
  return {
    what: "Stockwire could not finish this item.",
    next: "Fix the cause named below, then press Replay.",
  };
}

/** A next step per feed run error code (docs/error-codes.md, "Feed run error codes"). */
const runErrorAdviceByCode: Record<string, string> = {
  credentials_rejected:
    "The platform refused Stockwire's credentials. Reconnect this connection with a fresh token.",
  throttled: "The platform asked Stockwire to slow down. The next run carries on where this one stopped.",
  platform_unavailable:
    "The platform could not be reached. Stockwire tries again at the next scheduled run; check the platform's status if it continues.",
  address_refused:
    "The platform's address is one Stockwire does not call (a private or local network). Correct the shop's URL in the connection's credentials.",
  mode_blocked: "Outbound feeds only send in live mode (or preview in shadow mode).",
  connection_disconnected:
    "The platform no longer lets Stockwire in (the app was uninstalled). Nothing runs or is sent until the connection gets new credentials; stock waiting to be sent is kept.",
  allotment_reached:
    "This year's order allotment is used up, so order import is paused; stock keeps syncing. Orders that came in meanwhile are imported once your operator raises the allotment or the year turns.",
  feed_unsupported: "This platform's connector cannot run this feed. Turn the feed off for this connection.",
};

/**
 * A next step for a failed feed run (or onboarding step) by its `errorCode` / `reasonCode`;
 * undefined without a code, or for `internal_error`, whose message is all there is to say.
 */
export function runErrorAdvice(code: string | null | undefined): string | undefined {
  return code ? runErrorAdviceByCode[code] : undefined;
}
