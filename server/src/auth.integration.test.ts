import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryLoginThrottle } from "./auth";
import type { RunningServer } from "./server";
import {
  api,
  sessionCookie,
  signUp,
  startTestServer,
  TEST_PASSWORD,
  type TestUser,
  tempDataDir,
} from "./testServer";

const data = tempDataDir();
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(data.dir);
});

afterAll(async () => {
  await server?.close();
  data.remove();
});

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

function login(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  return api(url, "/api/auth/login", { body: { email, password }, headers });
}

describe("sign up, sign in, sign out", () => {
  it("signs up with a normalised email, sets a safe cookie on plain http, and /api/me knows the user", async () => {
    const response = await api(server.url, "/api/auth/signup", {
      body: { email: "  Grace.Hopper@Example.COM ", password: TEST_PASSWORD, name: " Grace " },
    });
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: string; email: string; name: string };
    expect(user).toMatchObject({ email: "grace.hopper@example.com", name: "Grace" });
    expect(user).not.toHaveProperty("passwordHash");
    const setCookie = response.headers.getSetCookie()[0] ?? "";
    expect(setCookie).toMatch(/^converge_session=[^;]{32,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");

    const me = await api(server.url, "/api/me", { cookie: sessionCookie(response) });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(user);
    expect((await api(server.url, "/api/me")).status).toBe(401);

    const again = await login(server.url, "GRACE.hopper@example.com", TEST_PASSWORD);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(user);
  });

  it.each([
    ["a short password", { password: "Xk3!pq" }, "password_too_short", "password"],
    ["a common password", { password: "Password1234" }, "password_common", "common"],
    ["a guessable password", { password: "aaaaaaaaaaaaaaaa" }, "password_weak", "guess"],
    ["a 257-character password", { password: "x".repeat(257) }, "password_too_long", "256"],
    ["a bad email", { email: "not-an-email" }, "invalid_input", "email"],
    ["an empty name", { name: "   " }, "invalid_input", "name"],
    ["a missing password", { password: undefined }, "invalid_input", "password"],
  ])("refuses %s with a 400 that says why", async (_name, override, code, says) => {
    const body = { email: `refused.${code}@example.com`, password: TEST_PASSWORD, name: "R", ...override };
    const error = await errorOf(await api(server.url, "/api/auth/signup", { body }));
    expect(error).toMatchObject({ status: 400, code });
    expect(error.message.toLowerCase()).toContain(says);
  });

  it("refuses malformed JSON with 400 and no stack trace", async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: '{"email": ',
    });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, code: "invalid_json" });
    expect(error.message).not.toMatch(/\bat\b.*:\d+/);
  });

  it("refuses a second account for the same email in another case with 409", async () => {
    const first = await signUp(server.url, "Dup");
    const response = await api(server.url, "/api/auth/signup", {
      body: { email: first.email.toUpperCase(), password: TEST_PASSWORD, name: "Dup 2" },
    });
    expect(await errorOf(response)).toMatchObject({ status: 409, code: "email_taken" });
  });

  it("answers an unknown email and a wrong password alike, in comparable time", async () => {
    const user = await signUp(server.url, "Timing");
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await login(server.url, email, "wrong-password-entirely");
      return { ms: performance.now() - started, error: await errorOf(response) };
    };
    await timed("warmup@example.com");
    const wrong = await timed(user.email);
    const unknown = await timed("nobody-here@example.com");
    expect(wrong.error).toEqual({ status: 401, code: "invalid_credentials", message: unknown.error.message });
    expect(unknown.error.status).toBe(401);
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    expect(unknown.ms).toBeLessThan(wrong.ms * 3);
  });

  it("signs out: 204, the cookie is cleared and the session is gone", async () => {
    const user = await signUp(server.url, "Leaver");
    const response = await api(server.url, "/api/auth/logout", { method: "POST", cookie: user.cookie });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/^converge_session=;.*Max-Age=0/);
    expect((await api(server.url, "/api/me", { cookie: user.cookie })).status).toBe(401);
  });
});

describe("attacks on sessions", () => {
  it("a stolen database opens no session: the stored id column used as a cookie is refused", async () => {
    const user = await signUp(server.url, "Victim");
    const token = user.cookie.split("=")[1] as string;
    const db = new Database(join(data.dir, "converge.db"), { readonly: true });
    const rows = db.prepare("SELECT * FROM sessions WHERE user_id = ?").all(user.id) as Array<
      Record<string, unknown>
    >;
    db.close();
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(token);
    const stolen = await api(server.url, "/api/me", { cookie: `converge_session=${String(row.id_hash)}` });
    expect(stolen.status).toBe(401);
    expect((await api(server.url, "/api/me", { cookie: user.cookie })).status).toBe(200);
  });

  it("a made-up session cookie is refused and cleared", async () => {
    const response = await api(server.url, "/api/me", {
      cookie: "converge_session=forged-session-id-1234567890",
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()[0]).toContain("Max-Age=0");
  });

  it("sessions expire, and are renewed (cookie re-set) once past half their life", async () => {
    const dir = tempDataDir();
    const short = await startTestServer(dir.dir, {}, { config: { sessionTtlMs: 1_200 } });
    try {
      const user = await signUp(short.url, "Brief");
      const early = await api(short.url, "/api/me", { cookie: user.cookie });
      expect(early.status).toBe(200);
      expect(early.headers.getSetCookie()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      const renewed = await api(short.url, "/api/me", { cookie: user.cookie });
      expect(renewed.status).toBe(200);
      expect(renewed.headers.getSetCookie()[0]).toMatch(/^converge_session=.*Expires=/);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      expect((await api(short.url, "/api/me", { cookie: user.cookie })).status).toBe(401);
    } finally {
      await short.close();
      dir.remove();
    }
  });

  it("sets Secure behind a trusted https proxy, and only then", async () => {
    const dir = tempDataDir();
    const proxied = await startTestServer(dir.dir, { TRUST_PROXY: "true" });
    try {
      const body = { email: "secure@example.com", password: TEST_PASSWORD, name: "S" };
      const https = { "x-forwarded-proto": "https", "x-forwarded-host": new URL(proxied.url).host };
      const response = await api(proxied.url, "/api/auth/signup", { body, headers: https });
      expect(response.status).toBe(201);
      expect(response.headers.getSetCookie()[0]).toContain("Secure");
      const untrusted = await login(server.url, "grace.hopper@example.com", TEST_PASSWORD, https);
      expect(untrusted.headers.getSetCookie()[0]).not.toContain("Secure");
    } finally {
      await proxied.close();
      dir.remove();
    }
  });
});

describe("throttling password guessing", () => {
  it("locks an account after 5 failures with 429 and Retry-After, even for the right password", async () => {
    const user = await signUp(server.url, "Guessed");
    for (let i = 0; i < 5; i++)
      expect((await login(server.url, user.email, `wrong-${i}-password`)).status).toBe(401);
    const locked = await login(server.url, user.email, TEST_PASSWORD);
    expect(await errorOf(locked.clone())).toMatchObject({ status: 429, code: "too_many_attempts" });
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it("limits one IP across accounts, and a spoofed X-Forwarded-For does not help without TRUST_PROXY", async () => {
    const dir = tempDataDir();
    const throttle = new MemoryLoginThrottle({ perIp: { max: 4, windowMs: 60_000 } });
    const small = await startTestServer(dir.dir, {}, { deps: { loginThrottle: throttle } });
    try {
      for (let i = 0; i < 4; i++) {
        const response = await login(small.url, `spray${i}@example.com`, "wrong-password-x", {
          "x-forwarded-for": `10.0.0.${i}`,
        });
        expect(response.status).toBe(401);
      }
      const refused = await login(small.url, "spray9@example.com", "wrong-password-x", {
        "x-forwarded-for": "10.9.9.9",
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await small.close();
      dir.remove();
    }
  });
});

describe("Origin checks on state-changing requests (CSRF)", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp(server.url, "Origin tester");
  });

  it.each([
    ["a foreign Origin", "https://evil.example"],
    ["no Origin", null],
    ["a look-alike host", "http://127.0.0.1.evil.example"],
  ])("refuses %s with 403 origin_forbidden", async (_name, origin) => {
    const created = await api(server.url, "/api/boards", {
      body: { title: "CSRF" },
      cookie: user.cookie,
      origin,
    });
    expect(await errorOf(created)).toMatchObject({ status: 403, code: "origin_forbidden" });
    const logout = await api(server.url, "/api/auth/logout", { method: "POST", cookie: user.cookie, origin });
    expect(logout.status).toBe(403);
    const signup = await api(server.url, "/api/auth/signup", {
      body: { email: "csrf@example.com", password: TEST_PASSWORD, name: "C" },
      origin,
    });
    expect(signup.status).toBe(403);
    expect((await api(server.url, "/api/me", { cookie: user.cookie })).status).toBe(200);
  });

  it("allows only ALLOWED_ORIGINS when configured", async () => {
    const dir = tempDataDir();
    const configured = await startTestServer(dir.dir, { ALLOWED_ORIGINS: "https://app.example" });
    try {
      const body = { email: "allowed@example.com", password: TEST_PASSWORD, name: "A" };
      expect((await api(configured.url, "/api/auth/signup", { body })).status).toBe(403);
      expect(
        (await api(configured.url, "/api/auth/signup", { body, origin: "https://app.example" })).status,
      ).toBe(201);
    } finally {
      await configured.close();
      dir.remove();
    }
  });
});

describe("every board route needs a session", () => {
  it.each([
    ["GET", "/api/boards"],
    ["POST", "/api/boards"],
    ["GET", "/api/boards/x"],
    ["PATCH", "/api/boards/x"],
    ["DELETE", "/api/boards/x"],
    ["GET", "/api/boards/x/members"],
    ["PATCH", "/api/boards/x/members/y"],
    ["DELETE", "/api/boards/x/members/y"],
    ["POST", "/api/boards/x/invites"],
    ["GET", "/api/boards/x/invites"],
    ["DELETE", "/api/boards/x/invites/y"],
    ["GET", `/api/invites/${"a".repeat(43)}`],
    ["POST", `/api/invites/${"a".repeat(43)}/accept`],
  ])("%s %s → 401", async (method, path) => {
    const response = await api(server.url, path, {
      method,
      ...(method === "PATCH" || method === "POST" ? { body: { title: "t", role: "viewer" } } : {}),
    });
    expect(await errorOf(response)).toMatchObject({ status: 401, code: "unauthenticated" });
  });
});
