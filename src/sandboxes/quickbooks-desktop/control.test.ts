import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runQuickBooksDesktopCommand } from "./cli.ts";
import { type FakeService, qwcFor, startFakeService } from "./fake-qbwc-service.ts";
import { type QuickBooksDesktopSandbox, startQuickBooksDesktopSandbox } from "./index.ts";
import { qbxml } from "./test-helpers.ts";

const PASSWORD = "correct horse battery";
let service: FakeService;
let sandbox: QuickBooksDesktopSandbox | null = null;

afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
  await service?.close();
});

async function control(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${sandbox?.url}${path}`, {
    method: init.method ?? "GET",
    ...(init.body !== undefined
      ? { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } }
      : {}),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("the control API", () => {
  it("changes stock from outside, runs a session on demand and shows what the hub posted", async () => {
    service = await startFakeService(PASSWORD);
    sandbox = await startQuickBooksDesktopSandbox({
      qwc: qwcFor(service.url),
      password: PASSWORD,
      noOpPauseMs: 10,
    });
    expect(
      await control("/_sandbox/items", { method: "POST", body: [{ name: "HUB-1", quantityOnHand: 8 }] }),
    ).toMatchObject({
      status: 200,
    });
    const edited = await control("/_sandbox/items/HUB-1/quantity", {
      method: "PUT",
      body: { quantityOnHand: 3 },
    });
    expect(edited.body).toMatchObject({ name: "HUB-1", quantityOnHand: 3, type: "ItemInventory" });
    expect(
      (await control("/_sandbox/items/NOPE/quantity", { method: "PUT", body: { quantityOnHand: 1 } })).status,
    ).toBe(404);
    expect(
      (await control("/_sandbox/items/HUB-1/quantity", { method: "PUT", body: { quantityOnHand: "x" } }))
        .status,
    ).toBe(422);

    service.queue.push(
      qbxml(
        `<SalesReceiptAddRq requestID="7"><SalesReceiptAdd><CustomerRef><FullName>Cash Customer</FullName></CustomerRef>` +
          `<RefNumber>S1207</RefNumber><SalesReceiptLineAdd><ItemRef><FullName>HUB-1</FullName></ItemRef><Quantity>2</Quantity>` +
          `<Rate>4.00</Rate></SalesReceiptLineAdd></SalesReceiptAdd></SalesReceiptAddRq>`,
      ),
    );
    const session = await control("/_sandbox/sessions", { method: "POST" });
    expect(session.body).toMatchObject({ outcome: "done", session: 1 });
    const posted = await control("/_sandbox/transactions?type=SalesReceipt");
    expect(posted.body).toEqual([
      expect.objectContaining({
        refNumber: "S1207",
        customer: "Cash Customer",
        totalAmount: "8.00",
        lines: [{ item: "HUB-1", quantity: 2, rate: "4.00", amount: "8.00" }],
        deleted: false,
      }),
    ]);
    expect((await control("/_sandbox/items?name=HUB-1")).body).toEqual([
      expect.objectContaining({ quantityOnHand: 1 }),
    ]);

    await control("/_sandbox/switches", { method: "PUT", body: { companyClosed: true } });
    expect((await control("/_sandbox/sessions", { method: "POST" })).body).toMatchObject({
      outcome: "company_closed",
    });
    expect((await control("/_sandbox/sessions")).body).toHaveLength(2);
  });
});

describe("stockwire sandbox quickbooks-desktop --once", () => {
  it("reads the .qwc, runs one session and prints it as one JSON line", async () => {
    service = await startFakeService(PASSWORD);
    const dir = await mkdtemp(join(tmpdir(), "qbd-"));
    try {
      const file = join(dir, "stockwire.qwc");
      await writeFile(file, qwcFor(service.url));
      service.queue.push(
        qbxml('<ItemInventoryQueryRq requestID="1"><MaxReturned>5</MaxReturned></ItemInventoryQueryRq>'),
      );
      const lines: string[] = [];
      const notes: string[] = [];
      const options = { qwc: file, seed: 2, products: 5, once: true, port: 0, noopPause: 0.01 };
      const run = await runQuickBooksDesktopCommand(
        { ...options, password: PASSWORD },
        { line: (t) => lines.push(t), note: (t) => notes.push(t) },
      );
      expect(run.exitCode).toBe(0);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ session: 1, outcome: "done", errors: [] });
      expect(notes[0]).toContain(service.url);

      const wrong = await runQuickBooksDesktopCommand(
        { ...options, password: "not the password" },
        { line: (t) => lines.push(t), note: () => undefined },
      );
      expect(wrong.exitCode).toBe(1);
      expect(JSON.parse(lines[1] ?? "{}")).toMatchObject({ outcome: "nvu" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
