import { describe, expect, it } from "vitest";
import { addressKey } from "./address-key.ts";

describe("addressKey", () => {
  it("keeps IPv4 addresses and unwraps IPv4-mapped IPv6", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("folds every address of one IPv6 /64 into one key, however it is written", () => {
    const key = addressKey("2001:db8:0:1::1");
    expect(key).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0DB8:0000:0001:ffff:1:2:3")).toBe(key);
    expect(addressKey("2001:db8:0:1:a::%eth0")).toBe(key);
    expect(addressKey("2001:db8:0:2::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });
});
