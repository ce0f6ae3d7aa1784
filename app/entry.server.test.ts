import { describe, expect, it } from "vitest";
import { coalesceChunks } from "./entry.server";

async function collect(write: (stream: ReturnType<typeof coalesceChunks>) => void) {
  const stream = coalesceChunks();
  const out: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  write(stream);
  await ended;
  return out;
}

describe("coalescing React's output (one compression flush per burst, not per 2 KB)", () => {
  it("passes a burst of chunks on as one, byte for byte", async () => {
    const parts = Array.from({ length: 120 }, (_, i) => Buffer.from(`<li>Nhiệm vụ ${i}</li>`));
    const out = await collect((s) => {
      for (const p of parts) s.write(p);
      s.end();
    });
    expect(out).toHaveLength(1);
    expect(Buffer.concat(out).toString("utf8")).toBe(Buffer.concat(parts).toString("utf8"));
  });

  it("keeps chunks written in different turns apart and in order", async () => {
    const out = await collect((s) => {
      s.write(Buffer.from("<head>"));
      setImmediate(() => {
        s.write(Buffer.from("<body>"));
        setImmediate(() => s.end(Buffer.from("</html>")));
      });
    });
    expect(out.map(String)).toEqual(["<head>", "<body>", "</html>"]);
  });
});
