import { defineConfig } from "vitest/config";

/** Unit and integration tests live beside the code; Playwright specs (test/e2e) are not vitest's. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["shared/src/**/*.test.ts", "server/src/**/*.test.ts", "test/bench/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "client",
          environment: "jsdom",
          include: ["client/src/**/*.test.{ts,tsx}"],
        },
      },
    ],
  },
});
