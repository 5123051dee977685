import { productImported, productUpdated } from "../catalog/index.ts";
import {
  connectionCreated,
  connectionDisconnected,
  connectionModeChanged,
  syncError,
} from "../connections/index.ts";
import type { EventDefinition } from "../events/index.ts";
import { stockChanged, stockOversold } from "../inventory/index.ts";
import {
  allotmentThresholdReached,
  orderBackordered,
  orderImported,
  orderStatusChanged,
  refundRecorded,
  shipmentCreated,
} from "../orders/index.ts";
import { purchaseOrderReceived } from "../suppliers/index.ts";
import {
  backfillFinished,
  connectionOnboarded,
  feedRunFinished,
  syncRecovered,
  syncStalled,
} from "../sync/index.ts";

/**
 * Every domain event the hub appends, from the producing modules' own declarations. It lives here,
 * not in the events module, because notifications already depends on every producer and the
 * events module must not. `event-catalogue.test.ts` fails when a `defineEvent` in src/ is missing.
 */
export const eventCatalogue = [
  productImported,
  productUpdated,
  stockChanged,
  stockOversold,
  connectionCreated,
  connectionModeChanged,
  connectionDisconnected,
  syncError,
  orderImported,
  orderBackordered,
  orderStatusChanged,
  refundRecorded,
  shipmentCreated,
  feedRunFinished,
  backfillFinished,
  connectionOnboarded,
  syncStalled,
  syncRecovered,
  purchaseOrderReceived,
  allotmentThresholdReached,
] as const satisfies readonly EventDefinition[];
