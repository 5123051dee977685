/** Sandbox time: the caller's clock (or the system's) plus whatever tests have advanced it by. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(source?: () => Date): Clock {
  let offset = 0;
  const base = source ?? (() => new Date());
  return {
    now: () => base().getTime() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
