/**
 * Zips made by hand, for the tests of the upload guard (app/excel/zip-guard.server.ts): entries added
 * to any zip with whatever sizes the test declares (a "zip bomb" declares a few bytes for hundreds of
 * megabytes), and zeros deflated a megabyte at a time, so that a test never holds what a bomb unpacks to.
 */
import zlib from "node:zlib";

export const MB = 1024 * 1024;

export interface RawEntry {
  name: string;
  /** 0 stored, 8 deflate; any other number is written as is. */
  method: number;
  /** The entry's bytes as stored in the zip (compressed, for deflate). */
  stored: Uint8Array;
  /** The size the entry really unpacks to. */
  size: number;
  /** The uncompressed size written in both headers (default: `size`). */
  declaredSize?: number;
  /** The compressed size written in both headers (default: the stored bytes' length). */
  declaredCompressedSize?: number;
  flags?: number;
  crc32?: number;
}

/** A zip with no entries: an end-of-central-directory record alone. */
export const EMPTY_ZIP: Buffer = (() => {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return end;
})();

/** The zip with one more entry after its last one (the central directory is moved after it). No comment allowed. */
export function appendEntry(zip: Uint8Array, entry: RawEntry): Buffer {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const endAt = buf.length - 22;
  if (buf.readUInt32LE(endAt) !== 0x06054b50)
    throw new Error("appendEntry: the zip must end with its end-of-central-directory record (no comment)");
  const count = buf.readUInt16LE(endAt + 10);
  const directorySize = buf.readUInt32LE(endAt + 12);
  const directoryOffset = buf.readUInt32LE(endAt + 16);
  const name = Buffer.from(entry.name, "utf8");
  const flags = entry.flags ?? 0x0800;
  const compressedSize = entry.declaredCompressedSize ?? entry.stored.length;
  const size = entry.declaredSize ?? entry.size;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(entry.method, 8);
  local.writeUInt32LE(entry.crc32 ?? 0, 14);
  local.writeUInt32LE(compressedSize, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(entry.method, 10);
  central.writeUInt32LE(entry.crc32 ?? 0, 16);
  central.writeUInt32LE(compressedSize, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(directoryOffset, 42);

  const added = 30 + name.length + entry.stored.length;
  const end = Buffer.from(buf.subarray(endAt));
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(directorySize + 46 + name.length, 12);
  end.writeUInt32LE(directoryOffset + added, 16);
  return Buffer.concat([
    buf.subarray(0, directoryOffset),
    local,
    name,
    entry.stored,
    buf.subarray(directoryOffset, directoryOffset + directorySize),
    central,
    name,
    end,
  ]);
}

export function zipOf(entries: RawEntry[]): Buffer {
  return entries.reduce<Buffer>((zip, entry) => appendEntry(zip, entry), EMPTY_ZIP);
}

/** A truthful deflated entry. */
export function deflatedEntry(name: string, data: Uint8Array): RawEntry {
  return { name, method: 8, stored: zlib.deflateRawSync(data), size: data.length };
}

/** `size` zero bytes, deflated (level 9: about 1,000 : 1) through one stream a megabyte at a time. */
export async function deflatedZeros(size: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  const zeros = Buffer.alloc(MB);
  for (let left = size; left > 0; left -= MB) {
    if (!deflate.write(left >= MB ? zeros : zeros.subarray(0, left))) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/**
 * A zip bomb: the zip given (a real workbook, say) with one more entry of `size` zero bytes whose
 * headers declare `declaredSize` (1,000 by default) — the attack of the security review.
 */
export async function zipBomb(zip: Uint8Array, options: { size: number; declaredSize?: number; name?: string }): Promise<Buffer> {
  const stored = await deflatedZeros(options.size);
  return appendEntry(zip, {
    name: options.name ?? "xl/bomb.xml",
    method: 8,
    stored,
    size: options.size,
    declaredSize: options.declaredSize ?? 1000,
  });
}

/**
 * Too much in all, though each entry keeps under any ratio limit: `count` entries of exactly one
 * megabyte of zeros each (`compressedMegabyte`: deflatedZeros(MB), made once), declaring `declaredSize`
 * (their true size by default).
 */
export function manyMegabytes(zip: Uint8Array, count: number, compressedMegabyte: Buffer, declaredSize = MB): Buffer {
  let out: Buffer = Buffer.from(zip);
  for (let i = 0; i < count; i++)
    out = appendEntry(out, { name: `xl/media/zeros${i}.bin`, method: 8, stored: compressedMegabyte, size: MB, declaredSize });
  return out;
}

/**
 * This process's memory sampled every few milliseconds while `run` runs: the most the resident set,
 * the heap and the ArrayBuffers (Buffers) grew above where they stood at the start.
 */
export async function peakMemoryGrowth<T>(
  run: () => Promise<T>,
  intervalMs = 2,
): Promise<{ result: T; rss: number; heapUsed: number; arrayBuffers: number }> {
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heapUsed: start.heapUsed, arrayBuffers: start.arrayBuffers };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await run();
    sample();
    return {
      result,
      rss: peak.rss - start.rss,
      heapUsed: peak.heapUsed - start.heapUsed,
      arrayBuffers: peak.arrayBuffers - start.arrayBuffers,
    };
  } finally {
    clearInterval(timer);
  }
}
