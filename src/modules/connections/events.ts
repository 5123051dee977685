import { z } from "zod";
import { defineEvent } from "../events/index.ts";
import { connectionModes } from "./schema.ts";

export const connectionCreated = defineEvent(
  "connection.created",
  z.object({ connectionId: z.string(), platform: z.string(), actor: z.string() }),
);

export const connectionModeChanged = defineEvent(
  "connection.mode_changed",
  z.object({
    connectionId: z.string(),
    from: z.enum(connectionModes),
    to: z.enum(connectionModes),
    actor: z.string(),
  }),
);

/** An issue that needs a person: raised as `error`, or a `retry` whose attempts ran out. */
export const syncError = defineEvent(
  "sync.error",
  z.object({
    issueId: z.string(),
    connectionId: z.string(),
    feedKind: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    code: z.string(),
    message: z.string(),
  }),
);

/** The platform told the hub it lost access (the merchant uninstalled the app); feeds stop working. */
export const connectionDisconnected = defineEvent(
  "connection.disconnected",
  z.object({ connectionId: z.string(), platform: z.string(), reason: z.string() }),
);
