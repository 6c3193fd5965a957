import { describe, expect, it } from "vitest";
import { clientIp, isAllowedOrigin, isSecureRequest } from "./origin";

function request(url: string, headers: Record<string, string> = {}): Request {
  return new Request(url, { headers });
}

const own = { allowedOrigins: [], trustProxy: false };

describe("isAllowedOrigin", () => {
  it("by default allows only the server's own host", () => {
    expect(
      isAllowedOrigin(request("http://localhost:3000/api", { origin: "http://localhost:3000" }), own),
    ).toBe(true);
    expect(
      isAllowedOrigin(request("http://localhost:3000/api", { origin: "http://evil.example" }), own),
    ).toBe(false);
    expect(
      isAllowedOrigin(request("http://localhost:3000/api", { origin: "http://localhost:3001" }), own),
    ).toBe(false);
    expect(
      isAllowedOrigin(request("https://app.example/api", { origin: "https://app.example:443" }), own),
    ).toBe(true);
  });

  it.each([
    ["missing", undefined],
    ["opaque", "null"],
    ["garbage", "not a url"],
  ])("refuses a %s Origin", (_name, origin) => {
    const headers: Record<string, string> = origin === undefined ? {} : { origin };
    expect(isAllowedOrigin(request("http://localhost:3000/api", headers), own)).toBe(false);
  });

  it("with ALLOWED_ORIGINS allows exactly those", () => {
    const config = { allowedOrigins: ["https://app.example"], trustProxy: false };
    expect(isAllowedOrigin(request("http://10.0.0.5/api", { origin: "https://app.example" }), config)).toBe(
      true,
    );
    expect(isAllowedOrigin(request("http://10.0.0.5/api", { origin: "http://10.0.0.5" }), config)).toBe(
      false,
    );
    expect(isAllowedOrigin(request("http://10.0.0.5/api", { origin: "http://app.example" }), config)).toBe(
      false,
    );
  });

  it("trusts X-Forwarded-Host only behind a trusted proxy", () => {
    const behindProxy = request("http://10.0.0.5:3000/api", {
      origin: "https://app.example",
      "x-forwarded-host": "app.example",
    });
    expect(isAllowedOrigin(behindProxy, own)).toBe(false);
    expect(isAllowedOrigin(behindProxy, { allowedOrigins: [], trustProxy: true })).toBe(true);
  });
});

describe("isSecureRequest and clientIp", () => {
  it("believes X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(isSecureRequest(request("https://app.example/"), false)).toBe(true);
    const proxied = request("http://10.0.0.5/", { "x-forwarded-proto": "https" });
    expect(isSecureRequest(proxied, false)).toBe(false);
    expect(isSecureRequest(proxied, true)).toBe(true);
  });

  it("takes the socket address unless a trusted proxy appended X-Forwarded-For", () => {
    const spoofed = request("http://x/", { "x-forwarded-for": "1.2.3.4, 5.6.7.8" });
    expect(clientIp(spoofed, "127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientIp(spoofed, "127.0.0.1", true)).toBe("5.6.7.8");
    expect(clientIp(request("http://x/"), undefined, true)).toBe("unknown");
  });
});
