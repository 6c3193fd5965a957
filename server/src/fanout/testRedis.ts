import { randomBytes } from "node:crypto";

/** The Redis the tests use (override with TEST_REDIS_URL). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A channel prefix of its own for one test run, so parallel runs on one Redis never hear each other. */
export function testRedisPrefix(): string {
  return `converge_test_${randomBytes(6).toString("hex")}`;
}
