import { afterEach, beforeEach, vi } from "vitest";

// A stray console.error or console.warn fails the test: it is a bug or a missing expectation.
let calls: unknown[][] = [];
beforeEach(() => {
  calls = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void calls.push(args));
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void calls.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length) {
    const text = calls.map((c) => c.map((x) => (x instanceof Error ? x.stack : String(x))).join(" ")).join("\n");
    throw new Error(`Unexpected console output:\n${text}`);
  }
});

/** For a test that expects console output: take it (so it does not fail the test) and return it. */
export function takeConsoleCalls(): unknown[][] {
  const taken = calls;
  calls = [];
  return taken;
}
