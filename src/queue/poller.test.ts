import pino from "pino";
import { describe, expect, it } from "vitest";
import { startPoller } from "./poller.ts";

const logger = pino({ level: "silent" });
const until = async (probe: () => boolean) => {
  const deadline = Date.now() + 2_000;
  while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return probe();
};

describe("poller", () => {
  it("runs again at once while rounds find work, then waits its interval", async () => {
    let rounds = 0;
    const work = [3, 2, 1];
    const poller = startPoller(
      "test",
      async () => {
        rounds += 1;
        return work.shift() ?? 0;
      },
      { intervalMs: 60_000, logger },
    );
    expect(await until(() => rounds === 4)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(rounds).toBe(4);
    await poller.stop();
  });

  it("wakes from its sleep when nudged, and runs once more when nudged during a round", async () => {
    let rounds = 0;
    let release: (() => void) | undefined;
    const poller = startPoller(
      "test",
      async () => {
        rounds += 1;
        if (rounds === 2) await new Promise<void>((r) => (release = r));
        return 0;
      },
      { intervalMs: 60_000, logger },
    );
    expect(await until(() => rounds === 1)).toBe(true);
    poller.nudge();
    expect(await until(() => rounds === 2 && release !== undefined)).toBe(true);
    // Nudged while round 2 is still running: round 3 follows without waiting a minute.
    poller.nudge();
    release?.();
    expect(await until(() => rounds === 3)).toBe(true);
    await poller.stop();
    expect(rounds).toBe(3);
  });

  it("keeps retrying failing rounds, warns once for the run of failures, and says when it works again", async () => {
    const lines: { level: number; msg: string; failures?: number }[] = [];
    const recording = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    let rounds = 0;
    const poller = startPoller(
      "test",
      async () => {
        rounds += 1;
        if (rounds <= 4) throw new Error("Connection terminated unexpectedly");
        return 0;
      },
      { intervalMs: 1, maxBackoffMs: 5, logger: recording },
    );
    expect(await until(() => rounds >= 5)).toBe(true);
    await poller.stop();
    expect(lines.map((l) => [l.level, l.msg, l.failures])).toEqual([
      [40, "test failed; retrying", 1],
      [30, "test works again", 4],
    ]);
  });
});
