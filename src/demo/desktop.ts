import { randomBytes } from "node:crypto";
import {
  type QuickBooksDesktopSandbox,
  startQuickBooksDesktopSandbox,
  upsertItems,
} from "../sandboxes/quickbooks-desktop/index.ts";
import type { ShopifySandbox } from "../sandboxes/shopify/index.ts";
import type { HubClient } from "./hub-client.ts";
import type { DemoConnection } from "./setup.ts";

const USER = "stockwire-demo";
/** The Web Connector's schedule in the demo: every minute, so its calls show while someone watches. */
const RUN_EVERY_MINUTES = 1;

export type DemoDesktop = { connection: DemoConnection; sandbox: QuickBooksDesktopSandbox };

/**
 * A QuickBooks Desktop company beside the Online one (a second books connection): paired with a
 * Web Connector user and password, live, its `.qwc` downloaded as a merchant would, and the
 * sandbox playing the Web Connector on that file every minute over a company holding store A's
 * catalogue. Nothing posts to it until a channel's order settings name it (the dashboard's
 * Orders tab); its connection page shows the Web Connector's calls.
 */
export async function startDesktopCompany(
  client: HubClient,
  catalogue: ShopifySandbox,
): Promise<DemoDesktop> {
  // Hex: a password to paste, with nothing a shell or the Web Connector would read specially.
  const password = randomBytes(12).toString("hex");
  const paired = await client.post<{ id: string }>("/api/v1/connections", {
    platform: "quickbooks-desktop",
    name: "QuickBooks Desktop",
    credentials: { username: USER, password },
  });
  await client.post(`/api/v1/connections/${paired.id}/mode`, { mode: "live" });
  // The .qwc is XML, not JSON: read as text, through the demo's one client of the hub.
  const qwc = await client.text(`/api/v1/connections/${paired.id}/qwc?runEveryMinutes=${RUN_EVERY_MINUTES}`);
  const sandbox = await startQuickBooksDesktopSandbox({
    qwc,
    password,
    products: 0,
    everySeconds: RUN_EVERY_MINUTES * 60,
    noOpPauseMs: 1_000,
  });
  const items = catalogue.store.products.flatMap((product) =>
    product.variantIds.flatMap((id) => {
      const variant = catalogue.store.variantsById.get(id);
      if (!variant?.sku) return [];
      const quantity = Math.max(0, catalogue.control.getInventory(variant.sku)?.available ?? 0);
      return [
        { name: variant.sku, quantityOnHand: quantity, salesPrice: (variant.priceCents / 100).toFixed(2) },
      ];
    }),
  );
  // The company runs in this process: its items are set directly, as its control API would.
  upsertItems(sandbox.company, items);
  return { connection: { id: paired.id, name: "QuickBooks Desktop" }, sandbox };
}
