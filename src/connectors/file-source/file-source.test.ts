import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SftpFixture, startSftpServer } from "../../../test/helpers/sftp-server.ts";
import { parseInventoryCsv } from "./csv-rows.ts";
import { fetchSourceFile } from "./fetch-file.ts";

const local = { allowPrivate: true };
const csv = "Item;Stock;Price\nA-1;12;3.50\nA-2;0;4\n";

describe("SFTP transport", () => {
  let sftp: SftpFixture & { hostKey: string };
  beforeAll(async () => {
    sftp = await startSftpServer({ username: "feeds", password: "s3cret" });
    sftp.files.set("/out/stock-2024-01-01.csv", { data: Buffer.from("old"), mtime: 1_700_000_000 });
    sftp.files.set("/out/stock-2024-01-02.csv", { data: Buffer.from(csv), mtime: 1_700_086_400 });
  });
  afterAll(() => sftp?.close());

  const credentials = (extra: object = {}) => ({
    url: `sftp://127.0.0.1:${sftp.port}/out/stock-*.csv`,
    username: "feeds",
    password: "s3cret",
    ...extra,
  });

  it("reads the newest file a glob matches, with its size, hash and the server's host key", async () => {
    const file = await fetchSourceFile(credentials(), local);
    expect(file).toMatchObject({ name: "stock-2024-01-02.csv", size: csv.length });
    expect(file.bytes.toString()).toBe(csv);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.hostKeySha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const pinned = await fetchSourceFile(credentials({ hostKeySha256: file.hostKeySha256 }), local);
    expect(pinned.sha256).toBe(file.sha256);
  });

  it("refuses a server whose host key changed since it was pinned", async () => {
    const first = await fetchSourceFile(credentials(), local);
    const impostor = await startSftpServer({ username: "feeds", password: "s3cret" });
    impostor.files.set("/out/stock-9.csv", { data: Buffer.from(csv), mtime: 1 });
    try {
      const moved = {
        ...credentials({ hostKeySha256: first.hostKeySha256 }),
        url: `sftp://127.0.0.1:${impostor.port}/out/stock-*.csv`,
      };
      await expect(fetchSourceFile(moved, local)).rejects.toMatchObject({ code: "host_key_changed" });
    } finally {
      await impostor.close();
    }
  });

  it("refuses a loopback host unless private addresses are allowed", async () => {
    await expect(fetchSourceFile(credentials(), { allowPrivate: false })).rejects.toThrow(/loopback/);
  });
});

describe("HTTP transport", () => {
  let server: Server;
  let base: string;
  const seen: (string | undefined)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === "/feed.csv") res.end(csv);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads a file with basic auth through the guarded layer", async () => {
    const file = await fetchSourceFile({ url: `${base}/feed.csv`, username: "u", password: "p" }, local);
    expect(file).toMatchObject({ name: "feed.csv", size: csv.length });
    expect(seen.at(-1)).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    await expect(fetchSourceFile({ url: `${base}/missing.csv` }, local)).rejects.toThrow(/404/);
    await expect(fetchSourceFile({ url: `${base}/feed.csv` }, { allowPrivate: false })).rejects.toThrow();
  });
});

describe("inventory CSV", () => {
  it("detects the delimiter, maps columns and fails a malformed line alone with its number", () => {
    const text = "Item;Stock;Price\nA-1;12;3.50\nA-2;many;4\n;3;1\nA-4;7\nA-5;2.0;1\n";
    const parsed = parseInventoryCsv(Buffer.from(text), { sku: "Item", quantity: "Stock", cost: "Price" });
    expect(parsed.delimiter).toBe(";");
    expect(parsed.lines).toEqual([
      { line: 2, supplierSku: "A-1", quantity: 12, cost: "3.50" },
      { line: 6, supplierSku: "A-5", quantity: 2, cost: "1" },
    ]);
    expect(parsed.malformed.map((m) => m.line)).toEqual([3, 4, 5]);
  });

  it("reads Latin-1 files and refuses a mapping the header lacks", () => {
    const latin = Buffer.from("sku,qty\nCAFÉ-1,3\n", "latin1");
    const parsed = parseInventoryCsv(latin, { sku: "sku", quantity: "qty" });
    expect(parsed).toMatchObject({ encoding: "latin1", lines: [{ supplierSku: "CAFÉ-1", quantity: 3 }] });
    expect(() => parseInventoryCsv(latin, { sku: "sku", quantity: "stock" })).toThrow(/"stock"/);
  });
});
