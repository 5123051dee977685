import { describe, expect, it } from "vitest";
import { sandboxFromCli } from "../../../test/helpers/channel-sandbox.ts";

describe("stockwire sandbox woocommerce", () => {
  it("prints one JSON line with platform, url and credentials that the store accepts", async () => {
    const info = await sandboxFromCli<{
      platform: string;
      url: string;
      credentials: { url: string; consumerKey: string; consumerSecret: string };
    }>("woocommerce", ["--port", "0", "--seed", "4", "--products", "6", "--orders", "2"]);
    expect(info.platform).toBe("woocommerce");
    expect(info.credentials.url).toBe(info.url);
    expect(info.credentials.consumerKey).toMatch(/^ck_[0-9a-f]{40}$/);
    expect(info.credentials.consumerSecret).toMatch(/^cs_[0-9a-f]{40}$/);
    const sandboxInfo = await (await fetch(`${info.url}/_sandbox/info`)).json();
    expect(sandboxInfo).toMatchObject({ consumerKey: info.credentials.consumerKey });
    const anonymous = await fetch(`${info.url}/wp-json/wc/v3/products`);
    expect(anonymous.status).toBe(401);
  }, 60_000);
});
