import { createServer, type ServerResponse } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import type { HostResolver } from "../../src/connectors/http/guarded-lookup.ts";

/**
 * Made-up names and what they "resolve" to: public-looking names an attacker points at the hub's
 * own network. No real DNS is asked; `shop.example.com` is the one a sandbox may legitimately use.
 */
export const attackNames: Record<string, readonly string[]> = {
  "evil.example.com": ["127.0.0.1"],
  "evil6.example.com": ["::1"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  "sixtofour.example.com": ["2002:7f00:1::"],
  "teredo.example.com": ["2001:0:4136:e378:8000:63bf:80ff:fffe"],
  "nat64.example.com": ["64:ff9b::7f00:1"],
  "sitelocal.example.com": ["fec0::1"],
  "metadata.example.com": ["169.254.169.254"],
  "intranet.example.com": ["10.0.0.5"],
  // A public first answer does not excuse a private second one.
  "mixed.example.com": ["8.8.8.8", "127.0.0.1"],
  "evil-shop.myshopify.com": ["127.0.0.1"],
};

/** A resolver over a fixed table that records every name it was asked for. */
export function fakeResolver(table: Record<string, readonly string[]>) {
  const asked: string[] = [];
  const resolveHost: HostResolver = async (hostname) => {
    asked.push(hostname);
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return answer.map((address) => ({ address, family: isIP(address) }));
  };
  return { resolveHost, asked };
}

/**
 * An HTTP server on 127.0.0.1 standing for an internal service; it counts TCP connections, not
 * just requests, so a test can prove that nothing at all reached it.
 */
export async function startListener(answer: (res: ServerResponse) => void = (res) => res.end("internal")) {
  let connections = 0;
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? "");
    answer(res);
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    paths,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const listener = await startListener();
  await listener.close();
  return listener.port;
}
