import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { trustProxyOption } from "./trust-proxy.ts";

async function ipSeen(trust: number | string[] | false, forwardedFor: string) {
  const app = Fastify({ trustProxy: trustProxyOption(trust) });
  app.get("/", async (request) => request.ip);
  const res = await app.inject({
    url: "/",
    remoteAddress: "10.0.0.5",
    headers: { "x-forwarded-for": forwardedFor },
  });
  await app.close();
  return res.body;
}

describe("trustProxyOption", () => {
  it("uses the TCP peer when no proxy is trusted", async () => {
    expect(await ipSeen(false, "203.0.113.1")).toBe("10.0.0.5");
    expect(await ipSeen(0, "203.0.113.1")).toBe("10.0.0.5");
  });

  it("takes as many forwarded hops as the count trusts, never more", async () => {
    expect(await ipSeen(1, "198.51.100.1, 203.0.113.1")).toBe("203.0.113.1");
    expect(await ipSeen(2, "198.51.100.1, 203.0.113.1")).toBe("198.51.100.1");
  });

  it("believes X-Forwarded-For only from a listed proxy address or range", async () => {
    expect(await ipSeen(["10.0.0.0/8"], "203.0.113.1")).toBe("203.0.113.1");
    expect(await ipSeen(["192.168.0.1"], "203.0.113.1")).toBe("10.0.0.5");
  });
});
