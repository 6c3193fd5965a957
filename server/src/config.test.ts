import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("fills every default from an empty environment", () => {
    const config = loadConfig({}, "/srv/converge");
    expect(config.port).toBe(3000);
    expect(config.host).toBe("0.0.0.0");
    expect(config.dataDir).toBe("/srv/converge/data");
    expect(config.allowedOrigins).toEqual([]);
    expect(config.trustProxy).toBe(false);
    expect(config.sessionTtlMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.limits).toMatchObject({
      maxMessageBytes: 8 * 1024 * 1024,
      maxDocBytes: 64 * 1024 * 1024,
      messagesPerSecond: 300,
      messageBurst: 600,
      maxBufferedBytes: 8 * 1024 * 1024,
      pingIntervalMs: 30_000,
      roomIdleMs: 30_000,
      compactAfterUpdates: 500,
    });
    expect(config.clientDist).toMatch(/client\/dist$/);
  });

  it("parses numbers, lists and treats empty values as unset", () => {
    const config = loadConfig({
      PORT: "0",
      MESSAGES_PER_SECOND: "10",
      ALLOWED_ORIGINS: "https://a.example, https://b.example,",
      REDIS_URL: "",
      LOG_LEVEL: "silent",
      TRUST_PROXY: "true",
      SESSION_TTL_DAYS: "7",
    });
    expect(config.trustProxy).toBe(true);
    expect(config.sessionTtlMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(config.port).toBe(0);
    expect(config.limits.messageBurst).toBe(20);
    expect(config.allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.redisUrl).toBeUndefined();
    expect(config.logLevel).toBe("silent");
  });

  it.each([
    ["PORT", "70000"],
    ["PORT", "abc"],
    ["MAX_MESSAGE_BYTES", "-1"],
    ["LOG_LEVEL", "loud"],
    ["ALLOWED_ORIGINS", "not a url"],
    ["DATABASE_URL", "nope"],
    ["TRUST_PROXY", "yes please"],
    ["SESSION_TTL_DAYS", "0"],
  ])("refuses %s=%s with an error naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("reads the scale-out settings, with defaults, and refuses URLs of the wrong kind", () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      redisUrl: undefined,
      redisPrefix: "converge",
      gapRepairIntervalMs: 5_000,
    });
    const config = loadConfig({
      DATABASE_URL: "postgres://converge@db.internal:5432/converge",
      REDIS_URL: "redis://cache.internal:6379",
      REDIS_PREFIX: "converge-staging",
      GAP_REPAIR_INTERVAL_MS: "2000",
    });
    expect(config).toMatchObject({
      databaseUrl: "postgres://converge@db.internal:5432/converge",
      redisUrl: "redis://cache.internal:6379",
      redisPrefix: "converge-staging",
      gapRepairIntervalMs: 2_000,
    });
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/converge" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: "http://cache" })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_PREFIX: "has spaces" })).toThrow(/REDIS_PREFIX/);
    expect(() => loadConfig({ GAP_REPAIR_INTERVAL_MS: "0" })).toThrow(/GAP_REPAIR_INTERVAL_MS/);
  });
});
