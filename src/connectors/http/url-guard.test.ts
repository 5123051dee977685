import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { checkPlatformUrl } from "./url-guard.ts";

describe("checkPlatformUrl", () => {
  it.each([
    "https://my-shop.myshopify.com/admin/api/2025-01/graphql.json",
    "https://api.bigcommerce.com/stores/abc/v3/catalog/products",
    "https://8.8.8.8/",
    "https://172.32.0.1/", // just outside 172.16/12
    "https://[2606:4700:4700::1111]/",
    "https://shop.example.com./trailing-dot",
  ])("allows the public https URL %s", (url) => {
    expect(checkPlatformUrl(url, false).href).toBe(new URL(url).href);
  });

  it.each([
    ["http://my-shop.myshopify.com/", "must use https"],
    ["https://localhost:8443/", "not a public DNS name"],
    ["https://api.localhost/", "local or internal name"],
    ["https://127.0.0.1/", "IPv4"],
    ["https://127.8.9.10/", "IPv4"],
    ["https://2130706433/", "IPv4"], // decimal form of 127.0.0.1, normalised by the URL parser
    ["https://0x7f.1/", "IPv4"],
    ["https://10.1.2.3/", "IPv4"],
    ["https://172.16.0.1/", "IPv4"],
    ["https://172.31.255.255/", "IPv4"],
    ["https://192.168.1.10/", "IPv4"],
    ["https://169.254.169.254/latest/meta-data", "IPv4"],
    ["https://0.0.0.0/", "IPv4"],
    ["https://[::1]/", "IPv6"],
    ["https://[::]/", "IPv6"],
    ["https://[fc00::1]/", "IPv6"],
    ["https://[fd12:3456::1]/", "IPv6"],
    ["https://[fe80::1]/", "IPv6"],
    ["https://[::ffff:127.0.0.1]/", "IPv6"],
    ["https://[::ffff:10.0.0.1]/", "IPv6"],
    ["https://[fec0::1]/", "site-local"],
    ["https://[2002:7f00:1::]/", "6to4 form of a loopback"],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo form of a loopback"],
    ["https://[64:ff9b::7f00:1]/", "NAT64 form of a loopback"],
    ["https://[::127.0.0.1]/", "IPv4-compatible"],
    ["https://192.0.2.10/", "documentation"],
    ["https://printer.local/", "local or internal name"],
    ["https://metadata.google.internal/", "local or internal name"],
    ["https://intranet/", "not a public DNS name"],
    ["ftp://example.com/file", "only http(s)"],
  ])("refuses %s", (url, reason) => {
    expect(() => checkPlatformUrl(url, false)).toThrow(reason);
  });

  it("names the refused host in a stable, 400-class error", () => {
    const error = (() => {
      try {
        checkPlatformUrl("https://192.168.0.5:8080/admin?token=secret", false);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "platform_url_not_allowed",
      status: 400,
      details: { host: "192.168.0.5" },
    });
    expect((error as Error).message).toContain("192.168.0.5");
    expect((error as Error).message).not.toContain("secret");
  });

  it("refuses text that is not a URL without echoing it", () => {
    expect(() => checkPlatformUrl("not a url?token=shpat_abc", false)).toThrow(/not a valid absolute URL/);
    expect(() => checkPlatformUrl("not a url?token=shpat_abc", false)).not.toThrow(/shpat/);
  });

  it("lets sandboxes use http and private hosts when allowed, but still only http(s)", () => {
    expect(checkPlatformUrl("http://127.0.0.1:4010/admin", true).port).toBe("4010");
    expect(checkPlatformUrl("http://localhost/", true).hostname).toBe("localhost");
    expect(() => checkPlatformUrl("file:///etc/passwd", true)).toThrow(/only http\(s\)/);
  });
});
