import { describe, expect, it } from "vitest";
import { OAuth1Verifier, oauth1Signature, percentEncode, signatureBaseString } from "./oauth1.ts";

// The worked example of OAuth Core 1.0, appendix A.5 (the same algorithm as RFC 5849).
const EXAMPLE = {
  method: "GET",
  baseUri: "http://photos.example.net/photos",
  params: [
    ["file", "vacation.jpg"],
    ["size", "original"],
    ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
    ["oauth_token", "nnch734d00sl2jdk"],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "1191242096"],
    ["oauth_nonce", "kllo9940pd9333jh"],
    ["oauth_version", "1.0"],
  ] as [string, string][],
};

describe("OAuth 1.0a signatures", () => {
  it("builds the specification's base string and signature", () => {
    const base = signatureBaseString(EXAMPLE);
    expect(base).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
    );
    expect(oauth1Signature("HMAC-SHA1", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).toBe(
      "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
    );
  });

  it("percent-encodes the characters encodeURIComponent leaves alone", () => {
    expect(percentEncode("a b!*'()~")).toBe("a%20b%21%2A%27%28%29~");
  });
});

describe("OAuth1Verifier (one-legged)", () => {
  const now = 1_700_000_000_000;
  const secret = "cs_secret";
  const signed = (overrides: Record<string, string> = {}, signWith = secret) => {
    const params: [string, string][] = [
      ["per_page", "5"],
      ["oauth_consumer_key", "ck_key"],
      ["oauth_nonce", overrides.nonce ?? "n1"],
      ["oauth_signature_method", "HMAC-SHA256"],
      ["oauth_timestamp", overrides.timestamp ?? String(now / 1000)],
    ];
    const request = { method: "GET", baseUri: "http://127.0.0.1:9/wp-json/wc/v3/products", params };
    const signature = oauth1Signature("HMAC-SHA256", signatureBaseString(request), signWith);
    return { ...request, params: [...params, ["oauth_signature", signature]] as [string, string][] };
  };
  const verifier = () =>
    new OAuth1Verifier({ secretFor: (key) => (key === "ck_key" ? secret : null), nowMs: () => now });

  it("accepts a correctly signed request once and refuses its nonce the second time", () => {
    const v = verifier();
    const request = signed();
    expect(v.verify(request)).toEqual({ ok: true, consumerKey: "ck_key" });
    expect(v.verify(request)).toEqual({ reason: "reused_nonce" });
  });

  it("names what is wrong: signature, timestamp, consumer, missing parameter", () => {
    const v = verifier();
    expect(v.verify(signed({}, "cs_other"))).toEqual({ reason: "bad_signature" });
    expect(v.verify(signed({ timestamp: String(now / 1000 - 16 * 60), nonce: "n2" }))).toEqual({
      reason: "stale_timestamp",
    });
    const unknown = signed({ nonce: "n3" });
    const params = unknown.params.map(
      ([k, val]) => [k, k === "oauth_consumer_key" ? "ck_nobody" : val] as [string, string],
    );
    expect(v.verify({ ...unknown, params })).toEqual({ reason: "unknown_consumer" });
    const missing = signed({ nonce: "n4" }).params.filter(([k]) => k !== "oauth_nonce");
    expect(v.verify({ ...signed(), params: missing })).toEqual({
      reason: "missing_parameter",
      parameter: "oauth_nonce",
    });
  });

  it("reads a repeated parameter once when asked to, as PHP does", () => {
    const php = new OAuth1Verifier({ secretFor: () => secret, nowMs: () => now, lastValueWins: true });
    const request = signed({ nonce: "n5" });
    const doubled = { ...request, params: [["per_page", "5"] as [string, string], ...request.params] };
    expect(php.verify(doubled)).toEqual({ ok: true, consumerKey: "ck_key" });
    expect(verifier().verify({ ...doubled })).toEqual({ reason: "bad_signature" });
  });
});
