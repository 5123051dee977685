import type { Db } from "../../db/engine.ts";

export type AccountCreatedHook = (tx: Db, accountId: string) => Promise<void>;

/**
 * What other modules do inside the transaction that creates an account (inventory seeds the Default
 * warehouse). One set per hub: the composition root registers them and the hub's stop drops them,
 * so two hubs in one process never run each other's.
 */
export type AccountHooks = {
  onAccountCreated(hook: AccountCreatedHook): void;
  /** Runs every registered hook in the creating transaction. */
  accountCreated(tx: Db, accountId: string): Promise<void>;
  /** Hooks registered now. */
  readonly size: number;
  clear(): void;
};

export function createAccountHooks(): AccountHooks {
  const created: AccountCreatedHook[] = [];
  return {
    onAccountCreated(hook) {
      if (!created.includes(hook)) created.push(hook);
    },
    async accountCreated(tx, accountId) {
      for (const hook of created) await hook(tx, accountId);
    },
    get size() {
      return created.length;
    },
    clear() {
      created.length = 0;
    },
  };
}
