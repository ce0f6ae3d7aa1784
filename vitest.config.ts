import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname, "app"),
      "#db": path.resolve(import.meta.dirname, "db"),
    },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/suite-clock.ts", "tests/support/fail-on-console.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    server: {
      deps: {
        // The Remix server build is plain ESM already; load it as is.
        external: [/\/build\//],
      },
    },
  },
});
