/** Who is asking: when several callers wait, orders go before stock, stock before catalogue. */
export type Priority = "orders" | "stock" | "catalog";

/** Strict service order: a waiting order import is always served before stock, stock before catalogue. */
const serviceOrder: readonly Priority[] = ["orders", "stock", "catalog"];

/** Floating-point slack so a refill that lands at 99.999999 of 100 tokens does not cost another timer. */
const EPSILON = 1e-9;

/** The token arithmetic a budget model supplies; the queue only decides who goes next and when to look again. */
export type Ledger = {
  capacity(): number;
  /** Tokens spendable now, after accounting for time passed (negative after an overcharge). */
  available(): number;
  /** Milliseconds from now until `cost` tokens will be spendable. */
  msUntil(cost: number): number;
  spend(cost: number): void;
};

type Waiter = {
  cost: number;
  priority: Priority;
  resolve: () => void;
  reject: (error: Error) => void;
  deadline?: NodeJS.Timeout;
};

/** A caller would have waited longer than it allowed; `waitMs` is the model's estimate of the wait. */
export class BudgetWaitTooLong extends Error {
  override name = "BudgetWaitTooLong";
  constructor(readonly waitMs: number) {
    super(`the rate budget would make this call wait about ${Math.ceil(waitMs)} ms`);
  }
}

export type WaitQueue = {
  /** Resolves once `cost` is spent; with `maxWaitMs`, rejects with BudgetWaitTooLong rather than wait longer. */
  take(cost: number, priority: Priority, maxWaitMs?: number): Promise<void>;
  /** Re-examines the queue; call after anything that changed the ledger (refund, observation). */
  pump(): void;
  waiting(): number;
};

/**
 * Callers wait in one FIFO line per priority. Only the head of the highest non-empty line may spend,
 * so a large catalogue request is never overtaken forever by a stream of small ones in its own line,
 * and nothing of lower priority slips past a waiting order import. Waiting is one timer, not polling.
 */
export function createWaitQueue(ledger: Ledger): WaitQueue {
  const lines: Record<Priority, Waiter[]> = { orders: [], stock: [], catalog: [] };
  let timer: NodeJS.Timeout | undefined;

  const headLine = (): Waiter[] | undefined =>
    serviceOrder.map((p) => lines[p]).find((line) => line.length > 0);

  function pump(): void {
    clearTimeout(timer);
    timer = undefined;
    for (let line = headLine(); line; line = headLine()) {
      const head = line[0]!;
      if (head.cost > ledger.capacity()) {
        // The platform reported a smaller bucket than this caller was admitted with: it can never fit.
        line.shift();
        clearTimeout(head.deadline);
        head.reject(costError(head.cost, ledger.capacity()));
        continue;
      }
      if (ledger.available() + EPSILON < head.cost) {
        timer = setTimeout(pump, Math.max(1, Math.ceil(ledger.msUntil(head.cost))));
        return;
      }
      line.shift();
      clearTimeout(head.deadline);
      ledger.spend(head.cost);
      head.resolve();
    }
  }

  /** How long a caller of `priority` joining now would wait: everyone served before it pays first. */
  function estimate(cost: number, priority: Priority): number {
    let ahead = cost;
    for (const p of serviceOrder.slice(0, serviceOrder.indexOf(priority) + 1))
      for (const waiter of lines[p]) ahead += waiter.cost;
    return Math.max(0, ledger.msUntil(ahead));
  }

  /** Gives up on a waiter whose allowance ran out (callers of higher priority came first). */
  function expire(waiter: Waiter): void {
    const line = lines[waiter.priority];
    const at = line.indexOf(waiter);
    if (at < 0) return;
    line.splice(at, 1);
    waiter.reject(new BudgetWaitTooLong(estimate(waiter.cost, waiter.priority)));
    // The head may have changed: whoever is first now might fit.
    pump();
  }

  return {
    take(cost, priority, maxWaitMs) {
      if (!Number.isFinite(cost) || cost < 0) {
        return Promise.reject(new RangeError(`Rate budget cost must be a finite number ≥ 0, got ${cost}`));
      }
      if (cost > ledger.capacity()) return Promise.reject(costError(cost, ledger.capacity()));
      const line = lines[priority];
      if (!line) return Promise.reject(new TypeError(`Unknown rate budget priority "${String(priority)}"`));
      if (maxWaitMs !== undefined) {
        const wait = estimate(cost, priority);
        if (wait > maxWaitMs + EPSILON) return Promise.reject(new BudgetWaitTooLong(wait));
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { cost, priority, resolve, reject };
        line.push(waiter);
        pump();
        if (line.includes(waiter) && maxWaitMs !== undefined)
          waiter.deadline = setTimeout(() => expire(waiter), Math.max(1, maxWaitMs));
      });
    },
    pump,
    waiting: () => serviceOrder.reduce((sum, p) => sum + lines[p].length, 0),
  };
}

function costError(cost: number, capacity: number): RangeError {
  return new RangeError(
    `Request cost ${cost} exceeds the rate budget's capacity ${capacity}; split the request into smaller ones`,
  );
}
