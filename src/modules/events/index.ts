// The events module's public surface: everything outside the module imports this file, never one behind it.
export {
  checkEventPayloads,
  defineEvent,
  type EventDefinition,
  type EventOf,
  type NewEvent,
} from "./define-event.ts";
export {
  appendEvents,
  consumeEvents,
  consumeUntilCaughtUp,
  type DomainEvent,
  listEvents,
  readEvents,
  unreadEventCount,
} from "./events.ts";
export { eventsModule } from "./module.ts";
export { registerEventRoutes } from "./routes.ts";
