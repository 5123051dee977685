import { describe, expect, it } from "vitest";
import { sandboxFromCli } from "../../../test/helpers/channel-sandbox.ts";

describe("stockwire sandbox bigcommerce", () => {
  it("prints one JSON line with platform, url, credentials and the webhook secret", async () => {
    const info = await sandboxFromCli<{
      platform: string;
      url: string;
      clientSecret: string;
      credentials: { storeHash: string; accessToken: string; apiUrl: string };
    }>("bigcommerce", ["--port", "0", "--seed", "4", "--products", "6", "--orders", "2"]);
    expect(info.platform).toBe("bigcommerce");
    expect(info.credentials.apiUrl).toBe(info.url);
    expect(info.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    const { storeHash, accessToken, apiUrl } = info.credentials;
    const products = await fetch(`${apiUrl}/stores/${storeHash}/v3/catalog/products`, {
      headers: { "X-Auth-Token": accessToken },
    });
    expect(products.status).toBe(200);
    expect(products.headers.get("x-rate-limit-requests-quota")).toBe("150");
    const anonymous = await fetch(`${apiUrl}/stores/${storeHash}/v3/catalog/products`);
    expect(anonymous.status).toBe(401);
  }, 60_000);
});
