import type { z } from "zod";

/** A stored event as consumers read it; narrow it with its definition's `is`. */
export type DomainEvent = {
  id: number;
  txid: number;
  accountId: string;
  type: string;
  subject: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

/** A payload is a JSON object; the schema names each field and its type. */
type PayloadSchema = z.ZodObject;

declare const declared: unique symbol;

/**
 * An event ready for `appendEvents`. Only a definition's `of` makes one, so an appended payload
 * always matched its event's schema at compile time.
 */
export type NewEvent = {
  readonly accountId: string;
  readonly type: string;
  readonly subject: string | null;
  readonly payload: Record<string, unknown>;
  readonly [declared]: true;
};

/** A stored event whose payload is known to be the definition's. */
export type TypedEvent<T extends string, P> = Omit<DomainEvent, "type" | "payload"> & {
  type: T;
  payload: P;
};

export type EventDefinition<T extends string = string, S extends PayloadSchema = PayloadSchema> = {
  readonly type: T;
  readonly schema: S;
  /** The event to append; its payload must match the schema's type. */
  of(event: { accountId: string; subject?: string | null; payload: z.input<S> }): NewEvent;
  /** Narrows a stored event to this type, payload included. */
  is(event: DomainEvent): event is TypedEvent<T, z.output<S>>;
};

/** The stored event a definition describes, e.g. `EventOf<typeof stockChanged>`. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? TypedEvent<T, z.output<S>> : never;

let checkPayloads = false;

/**
 * Tests turn this on (test/helpers/check-events.ts) so every appended payload is also parsed by
 * its schema; a payload built through a cast then fails where it is made. Off in production,
 * where the compile-time check is all there is and appending costs nothing more.
 */
export function checkEventPayloads(on: boolean): void {
  checkPayloads = on;
}

/**
 * Declares a domain event: its type string (stored in the database and named by notification
 * settings, so never renamed) and its payload schema. The producing module declares its own
 * events in its `events.ts`.
 */
export function defineEvent<const T extends string, S extends PayloadSchema>(
  type: T,
  schema: S,
): EventDefinition<T, S> {
  return {
    type,
    schema,
    of({ accountId, subject, payload }) {
      if (checkPayloads) {
        const result = schema.safeParse(payload);
        if (!result.success)
          throw new Error(`${type} payload does not match its schema: ${result.error.message}`);
      }
      // The brand exists only in the type: this is the one place that grants it.
      return { accountId, type, subject: subject ?? null, payload } as unknown as NewEvent;
    },
    is(event): event is TypedEvent<T, z.output<S>> {
      return event.type === type;
    },
  };
}
