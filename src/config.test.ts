import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("applies the documented defaults on an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", dataDir: "./.stockwire", engine: "embedded" });
    expect(c.secret).toBeUndefined();
  });

  it("selects PostgreSQL when DATABASE_URL is set", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1:5432/db" }).engine).toBe("postgres");
  });

  it.each([
    [{ PORT: "eighty" }, /^Invalid configuration: PORT: /],
    [{ DATABASE_URL: "mysql://x@y/z" }, /DATABASE_URL: must start with postgres/],
    [{ STOCKWIRE_SECRET: "short" }, /STOCKWIRE_SECRET: must be 32 bytes/],
    [{ SMTP_URL: "mail.example.com" }, /SMTP_URL: must start with smtp/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL: /],
    [{ TRUST_PROXY: "true" }, /TRUST_PROXY: must be a hop count or a comma-separated list/],
    [{ TRUST_PROXY: "10.0.0.0/33" }, /TRUST_PROXY: .*"10.0.0.0\/33"/],
  ])("names the bad variable in one line: %o", (env, message) => {
    const attempt = () => loadConfig(env);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("accepts a hex or base64 32-byte secret", () => {
    expect(loadConfig({ STOCKWIRE_SECRET: "ab".repeat(32) }).secret?.length).toBe(32);
    expect(loadConfig({ STOCKWIRE_SECRET: Buffer.alloc(32, 7).toString("base64") }).secret?.length).toBe(32);
  });

  it("trusts no proxy unless TRUST_PROXY names them by hop count or address", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.7,::1, fd00::/8" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "::1",
      "fd00::/8",
    ]);
  });
});
