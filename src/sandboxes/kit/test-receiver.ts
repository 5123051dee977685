import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A webhook endpoint for tests on 127.0.0.1: records every request with its raw body and
 * answers with `status()` (200 unless changed), so tests can make deliveries fail.
 */
export async function startReceiver() {
  const received: Received[] = [];
  let answer: (request: Received) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      res.writeHead(answer(request)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(status: number | ((request: Received) => number)) {
      answer = typeof status === "number" ? () => status : status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
