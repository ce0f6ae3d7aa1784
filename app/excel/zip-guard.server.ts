/**
 * Opening an uploaded zip (an .xlsx is one) without trusting it: the defence against "zip bombs".
 *
 * A zip declares every entry's sizes twice (local header and central directory), and a hostile file
 * lies: a gigabyte of zeros can declare 1,000 bytes. Nothing here believes a declared size. Every entry
 * is inflated by zlib (streaming, in the thread pool) and the bytes that ACTUALLY come out are counted
 * as they come; inflating stops at once when
 *   - all entries together pass `maxUnzippedBytes`, or
 *   - an entry, once past `ratioFreeBytes`, has come out more than `maxRatio` times larger than the
 *     compressed bytes zlib has consumed for it so far (real workbooks are 5–20 : 1; zeros deflate
 *     about 1,000 : 1, so a bomb is stopped after about a megabyte, whatever it declares).
 * Only a file whose every entry was inflated within those limits is accepted. The caller gets the
 * inflated entries, and `storedZip` packs them again uncompressed, so that the workbook parser reads
 * exactly the bytes counted here and never the original file (it cannot read that file differently).
 *
 * Declared sizes only ever refuse sooner: a file that declares more than the limit in all is refused
 * before anything is inflated, and an entry is kept in memory only up to the size it declares. Past
 * that it is a lie and the file will be refused, but its bytes are still counted (and dropped) so that
 * a bomb is named as one; the memory held is thus at most the declared total, itself within the limit.
 *
 * Also refused, as not a zip we open: no end-of-central-directory record; Zip64 values (no workbook
 * within the upload limit needs them); split archives; encryption; methods other than stored (0) and
 * deflate (8); entries that overlap one another or the central directory; a name twice; more than
 * `maxEntries` entries; a deflate stream that is corrupt, ends early or leaves compressed bytes unread;
 * an entry whose real size is not the size it declares (the workbook parser refuses those as well).
 * The CRC-32s are carried over as declared: a wrong one can do no harm (the parser does not check them).
 */
import zlib from "node:zlib";

export interface ZipLimits {
  /** The most all entries may inflate to together, counted as they inflate. */
  maxUnzippedBytes: number;
  /** Past `ratioFreeBytes`, an entry may have inflated to at most this many times the bytes consumed. */
  maxRatio: number;
  ratioFreeBytes: number;
  maxEntries: number;
}

export interface ZipEntry {
  /** The name decoded (UTF-8 when the entry says so, else Latin-1), for messages. */
  name: string;
  /** The name's bytes as stored, written back unchanged. */
  rawName: Buffer;
  utf8: boolean;
  /** MS-DOS time and date, and the CRC-32, as declared. */
  time: number;
  date: number;
  crc32: number;
  data: Buffer;
}

export type UnzipResult =
  | { ok: true; entries: ZipEntry[]; unzippedBytes: number }
  /** Not a zip we open; `detail` says why (for logs and tests, not for users). */
  | { ok: false; reason: "notZip"; detail: string }
  /** All entries together would inflate past maxUnzippedBytes. */
  | { ok: false; reason: "tooLarge"; entry: string }
  /** One entry inflated past maxRatio : 1. */
  | { ok: false; reason: "ratio"; entry: string };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const END_SIZE = 22;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;

interface Central {
  name: string;
  rawName: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
  dataEnd: number;
}

const notZip = (detail: string) => ({ ok: false, reason: "notZip", detail }) as const;

/** The end-of-central-directory record: the last signature whose comment fits in the file. */
function findEnd(buf: Buffer): number {
  for (let i = buf.length - END_SIZE; i >= Math.max(0, buf.length - END_SIZE - MAX16); i--) {
    if (buf.readUInt32LE(i) === SIG_END && i + END_SIZE + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  return -1;
}

/** The central directory, checked against the local headers; no byte is inflated yet. */
function readDirectory(buf: Buffer, limits: ZipLimits): { ok: true; entries: Central[] } | ReturnType<typeof notZip> {
  const end = findEnd(buf);
  if (end < 0) return notZip("no end of central directory");
  const disk = buf.readUInt16LE(end + 4);
  const directoryDisk = buf.readUInt16LE(end + 6);
  const onDisk = buf.readUInt16LE(end + 8);
  const count = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  const directoryOffset = buf.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) return notZip("split archive");
  if (count === MAX16 || directorySize === MAX32 || directoryOffset === MAX32) return notZip("zip64");
  if (count === 0) return notZip("no entries");
  if (count > limits.maxEntries) return notZip(`more than ${limits.maxEntries} entries`);
  if (directoryOffset + directorySize > end) return notZip("central directory out of bounds");

  const entries: Central[] = [];
  const names = new Set<string>();
  let p = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (p + CENTRAL_SIZE > directoryOffset + directorySize || buf.readUInt32LE(p) !== SIG_CENTRAL)
      return notZip("bad central directory header");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const startDisk = buf.readUInt16LE(p + 34);
    const localOffset = buf.readUInt32LE(p + 42);
    const next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryOffset + directorySize) return notZip("bad central directory header");
    const rawName = Buffer.from(buf.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
    const utf8 = (flags & FLAG_UTF8) !== 0;
    const name = rawName.toString(utf8 ? "utf8" : "latin1");
    if (compressedSize === MAX32 || size === MAX32 || localOffset === MAX32 || startDisk === MAX16) return notZip(`zip64 entry ${name}`);
    if (startDisk !== 0) return notZip("split archive");
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) return notZip(`encrypted entry ${name}`);
    if (method !== 0 && method !== 8) return notZip(`compression method ${method} in ${name}`);
    const key = rawName.toString("latin1");
    if (names.has(key)) return notZip(`duplicate entry ${name}`);
    names.add(key);

    if (localOffset + LOCAL_SIZE > directoryOffset || buf.readUInt32LE(localOffset) !== SIG_LOCAL)
      return notZip(`bad local header for ${name}`);
    const dataStart = localOffset + LOCAL_SIZE + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > directoryOffset) return notZip(`entry ${name} out of bounds`);
    entries.push({
      name,
      rawName,
      flags,
      method,
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize,
      size,
      localOffset,
      dataStart,
      dataEnd,
    });
    p = next;
  }
  // Each entry's bytes are its own: overlapping entries (one deflate stream read as many files) are refused.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i].localOffset < byOffset[i - 1].dataEnd) return notZip(`entries ${byOffset[i - 1].name} and ${byOffset[i].name} overlap`);
  }
  return { ok: true, entries };
}

type Inflated = { ok: true; size: number; data: Buffer | null } | { ok: false; reason: "tooLarge" | "ratio" | "corrupt" };

/**
 * Inflates one deflate stream, counting what comes out; stops (and frees what it held) as soon as the
 * output passes `allowed` bytes or, past `ratioFreeBytes`, `maxRatio` times the input consumed so far.
 * The output is kept up to `keep` bytes; past that it is only counted, and `data` is null.
 */
export function inflateCounted(
  compressed: Buffer,
  options: { allowed: number; keep: number } & Pick<ZipLimits, "maxRatio" | "ratioFreeBytes">,
): Promise<Inflated> {
  return new Promise((resolve) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let chunks: Buffer[] | null = [];
    let size = 0;
    let settled = false;
    const settle = (result: Inflated) => {
      if (settled) return;
      settled = true;
      chunks = null;
      if (!result.ok) inflater.destroy();
      resolve(result);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > options.allowed) return settle({ ok: false, reason: "tooLarge" });
      // bytesWritten: the compressed bytes zlib has consumed so far (it is updated before each chunk is pushed).
      if (size > options.ratioFreeBytes && size > options.maxRatio * inflater.bytesWritten) return settle({ ok: false, reason: "ratio" });
      if (size > options.keep) chunks = null;
      chunks?.push(chunk);
    });
    inflater.on("error", () => settle({ ok: false, reason: "corrupt" }));
    inflater.on("end", () => {
      // A stream that ends before its entry's compressed bytes do is not what the entry declares.
      if (inflater.bytesWritten !== compressed.length) return settle({ ok: false, reason: "corrupt" });
      settle({ ok: true, size, data: chunks && Buffer.concat(chunks, size) });
    });
    inflater.end(compressed);
  });
}

/** Every entry of a zip, inflated within the limits (see the top of this file), or why not. */
export async function unzipWithinLimits(bytes: Uint8Array, limits: ZipLimits): Promise<UnzipResult> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readDirectory(buf, limits);
  if (!directory.ok) return directory;
  let declared = 0;
  for (const entry of directory.entries) {
    declared += entry.size;
    if (declared > limits.maxUnzippedBytes) return { ok: false, reason: "tooLarge", entry: entry.name };
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  /** The first entry found not to be the size it declares: the file is refused, but counted to the end. */
  let lie: string | null = null;
  for (const entry of directory.entries) {
    const compressed = buf.subarray(entry.dataStart, entry.dataEnd);
    const left = limits.maxUnzippedBytes - total;
    const keep = lie ? 0 : entry.size;
    let size: number;
    let data: Buffer | null;
    if (entry.method === 0) {
      // Stored: what comes out is what is there (1 : 1), copied so the upload's buffer can be let go.
      size = compressed.length;
      if (size > left) return { ok: false, reason: "tooLarge", entry: entry.name };
      data = size <= keep ? Buffer.from(compressed) : null;
    } else {
      const inflated = await inflateCounted(compressed, {
        allowed: left,
        keep,
        maxRatio: limits.maxRatio,
        ratioFreeBytes: limits.ratioFreeBytes,
      });
      if (!inflated.ok)
        return inflated.reason === "corrupt"
          ? notZip(lie ?? `corrupt deflate stream in ${entry.name}`)
          : { ok: false, reason: inflated.reason, entry: entry.name };
      ({ size, data } = inflated);
    }
    total += size;
    if (size !== entry.size) lie ??= `${entry.name} inflates to ${size} bytes, declares ${entry.size}`;
    if (lie || !data) continue;
    entries.push({
      name: entry.name,
      rawName: entry.rawName,
      utf8: (entry.flags & FLAG_UTF8) !== 0,
      time: entry.time,
      date: entry.date,
      crc32: entry.crc32,
      data,
    });
  }
  if (lie) return notZip(lie);
  return { ok: true, entries, unzippedBytes: total };
}

/**
 * The entries as a plain zip, every entry stored (uncompressed), in the order given: what the workbook
 * parser reads instead of the uploaded file. Sizes are the real ones; names, times and CRC-32s as given.
 */
export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const flags = e.utf8 ? FLAG_UTF8 : 0;
    const local = Buffer.alloc(LOCAL_SIZE);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(e.rawName.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, e.rawName, e.data);

    const central = Buffer.alloc(CENTRAL_SIZE);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(e.time, 12);
    central.writeUInt16LE(e.date, 14);
    central.writeUInt32LE(e.crc32, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(e.rawName.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    directory.push(central, e.rawName);
    offset += LOCAL_SIZE + e.rawName.length + e.data.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  if (entries.length >= MAX16 || offset + directorySize >= MAX32) throw new RangeError("storedZip: too large for a zip without Zip64");
  const end = Buffer.alloc(END_SIZE);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
