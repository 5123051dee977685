import { createServer, type Socket, connect as tcpConnect } from "node:net";

export type FaultProxy = {
  /** The given database URL with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  /** Resets every open connection and refuses new ones until `heal`, as a server restart does. */
  cut(): void;
  /**
   * Keeps every connection open but moves no byte in either direction until `heal`, as a network
   * that drops packets does; new connections are accepted and left waiting too. Held bytes are
   * delivered on `heal`, as TCP would retransmit them.
   */
  stall(): void;
  heal(): void;
  close(): Promise<void>;
};

/** `early`: bytes the client sent before the proxy reached the server; `held`: bytes a stall holds. */
type Pair = {
  client: Socket;
  server: Socket | undefined;
  early: Buffer[];
  held: { to: Socket; chunk: Buffer }[];
};

/** A TCP proxy on 127.0.0.1 in front of `target`, which a test can cut and stall. */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let state: "open" | "cut" | "stalled" = "open";
  const pairs = new Set<Pair>();

  const forward = (pair: Pair, to: Socket, chunk: Buffer) => {
    if (state === "stalled") pair.held.push({ to, chunk });
    else if (!to.destroyed) to.write(chunk);
  };
  const drop = (pair: Pair) => {
    if (!pairs.delete(pair)) return;
    pair.client.destroy();
    pair.server?.destroy();
  };
  const connectServer = (pair: Pair) => {
    const server = tcpConnect(target);
    pair.server = server;
    server.on("data", (chunk: Buffer) => forward(pair, pair.client, chunk));
    server.on("error", () => drop(pair));
    server.on("close", () => drop(pair));
    for (const chunk of pair.early.splice(0)) server.write(chunk);
  };

  const listener = createServer((client) => {
    if (state === "cut") {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, server: undefined, early: [], held: [] };
    pairs.add(pair);
    client.on("error", () => drop(pair));
    client.on("close", () => drop(pair));
    client.on("data", (chunk: Buffer) => {
      if (pair.server) forward(pair, pair.server, chunk);
      else pair.early.push(chunk);
    });
    if (state === "open") connectServer(pair);
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  if (!address || typeof address === "string") throw new Error("proxy has no TCP address");

  return {
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(address.port);
      return url.toString();
    },
    cut() {
      state = "cut";
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy();
        pair.server?.resetAndDestroy();
      }
    },
    stall() {
      state = "stalled";
    },
    heal() {
      state = "open";
      for (const pair of pairs) {
        if (!pair.server) {
          connectServer(pair);
          continue;
        }
        for (const { to, chunk } of pair.held.splice(0)) if (!to.destroyed) to.write(chunk);
      }
    },
    async close() {
      for (const pair of [...pairs]) drop(pair);
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
