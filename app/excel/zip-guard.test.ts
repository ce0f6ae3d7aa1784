/**
 * The upload guard (./zip-guard.server.ts): it counts the bytes that really inflate, never the sizes a
 * zip declares, and stops at the limits; a real workbook passes and reads the same after re-packing.
 */
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  EMPTY_ZIP,
  MB,
  appendEntry,
  deflatedEntry,
  deflatedZeros,
  manyMegabytes,
  peakMemoryGrowth,
  zipBomb,
  zipOf,
} from "../../tests/support/zip";
import { IMPORT_ZIP_LIMITS, verifiedWorkbookBytes } from "./task-import.server";
import { inflateCounted, storedZip, unzipWithinLimits, type ZipLimits } from "./zip-guard.server";

const LIMITS: ZipLimits = { maxUnzippedBytes: 50 * MB, maxRatio: 100, ratioFreeBytes: 1 * MB, maxEntries: 10_000 };

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Phụ lục");
  sheet.addRow(["STT", "Nội dung nhiệm vụ", "Thời hạn"]);
  for (let i = 1; i <= 200; i++) sheet.addRow([i, `Nhiệm vụ ${i}`, new Date(Date.UTC(2027, 0, i))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const notZip = (detail: RegExp) => ({ ok: false, reason: "notZip", detail: expect.stringMatching(detail) });

describe("inflateCounted", () => {
  const options = { allowed: 50 * MB, keep: 50 * MB, maxRatio: 100, ratioFreeBytes: MB };

  it("gives back exactly what was deflated, within the limits", async () => {
    const text = Buffer.from("Nhiệm vụ ".repeat(50_000));
    const result = await inflateCounted(zlib.deflateRawSync(text), options);
    expect(result).toMatchObject({ ok: true, size: text.length });
    expect(result.ok && result.data?.equals(text)).toBe(true);
  });

  it("stops at the bytes allowed, counted as they come out", async () => {
    const zeros = await deflatedZeros(8 * MB);
    expect(await inflateCounted(zeros, { ...options, allowed: 2 * MB, maxRatio: 10_000 })).toEqual({ ok: false, reason: "tooLarge" });
    expect(await inflateCounted(zeros, { ...options, allowed: 8 * MB, maxRatio: 10_000 })).toMatchObject({ ok: true, size: 8 * MB });
  });

  it("stops past the ratio-free first megabyte when the output outgrows the input consumed so far", async () => {
    const zeros = await deflatedZeros(8 * MB);
    expect(await inflateCounted(zeros, options)).toEqual({ ok: false, reason: "ratio" });
    // Within the ratio-free size, any ratio.
    expect(await inflateCounted(await deflatedZeros(MB), options)).toMatchObject({ ok: true, size: MB });
  });

  it("keeps only what it is told to, and counts the rest", async () => {
    const text = Buffer.from("abc".repeat(100_000));
    expect(await inflateCounted(zlib.deflateRawSync(text), { ...options, keep: 1000 })).toEqual({
      ok: true,
      size: text.length,
      data: null,
    });
    const kept = await inflateCounted(zlib.deflateRawSync(text), { ...options, keep: text.length });
    expect(kept.ok && kept.data?.equals(text)).toBe(true);
  });

  it("refuses a stream that is corrupt, cut short, or followed by bytes it does not consume", async () => {
    const text = zlib.deflateRawSync(Buffer.from("x".repeat(10_000) + "y".repeat(10_000)));
    expect(await inflateCounted(text.subarray(0, text.length - 3), options)).toEqual({ ok: false, reason: "corrupt" });
    expect(await inflateCounted(Buffer.concat([text, Buffer.from("trailing")]), options)).toEqual({ ok: false, reason: "corrupt" });
    expect(await inflateCounted(Buffer.from([0xff, 0xff, 0xff, 0xff]), options)).toEqual({ ok: false, reason: "corrupt" });
  });
});

describe("unzipWithinLimits", () => {
  it("opens a real workbook, and exceljs reads the re-packed entries as it reads the original", async () => {
    const original = await workbook();
    const unzipped = await unzipWithinLimits(original, LIMITS);
    if (!unzipped.ok) throw new Error(JSON.stringify(unzipped));
    expect(unzipped.entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    expect(unzipped.unzippedBytes).toBe(unzipped.entries.reduce((sum, e) => sum + e.data.length, 0));
    const repacked = storedZip(unzipped.entries);
    // The re-packed zip is itself within the limits and holds the same entries.
    const again = await unzipWithinLimits(repacked, LIMITS);
    expect(again.ok && again.entries.map((e) => [e.name, e.data.toString("base64")])).toEqual(
      unzipped.entries.map((e) => [e.name, e.data.toString("base64")]),
    );
    const read = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets[0];
      return { name: sheet.name, rows: sheet.getSheetValues().map((r) => JSON.stringify(r)) };
    };
    expect(await read(repacked)).toEqual(await read(original));
    expect((await read(repacked)).rows).toHaveLength(202);
  });

  it("stops a bomb whose sizes declare 1,000 bytes after about a megabyte, quickly and without its memory", async () => {
    const bomb = await zipBomb(await workbook(), { size: 200 * MB, declaredSize: 1000 });
    expect(bomb.length).toBeLessThan(MB);
    const started = performance.now();
    const { result, arrayBuffers } = await peakMemoryGrowth(() => unzipWithinLimits(bomb, LIMITS));
    expect(result).toEqual({ ok: false, reason: "ratio", entry: "xl/bomb.xml" });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(arrayBuffers).toBeLessThan(16 * MB);
    // Declaring its real size, it is stopped the same way (a declared size is never what is counted)…
    const honest = await zipBomb(await workbook(), { size: 32 * MB, declaredSize: 32 * MB });
    expect(await unzipWithinLimits(honest, LIMITS)).toEqual({ ok: false, reason: "ratio", entry: "xl/bomb.xml" });
    // … or before anything is inflated when what it declares is itself past the limit.
    const declaredLarge = await zipBomb(await workbook(), { size: 64 * MB, declaredSize: 64 * MB });
    expect(await unzipWithinLimits(declaredLarge, LIMITS)).toEqual({ ok: false, reason: "tooLarge", entry: "xl/bomb.xml" });
  });

  it("stops at 50 MB in all when every entry keeps within the ratio, holding no more than the file declares", async () => {
    const megabyte = await deflatedZeros(MB);
    // Declaring their sizes truthfully: refused before anything is inflated.
    const honest = await peakMemoryGrowth(() => unzipWithinLimits(manyMegabytes(EMPTY_ZIP, 60, megabyte), LIMITS));
    expect(honest.result).toEqual({ ok: false, reason: "tooLarge", entry: "xl/media/zeros50.bin" });
    // Declaring 1,000 bytes each: inflated and counted, but nothing past the first lie is kept.
    const lyingBomb = manyMegabytes(await workbook(), 60, megabyte, 1000);
    const lying = await peakMemoryGrowth(() => unzipWithinLimits(lyingBomb, LIMITS));
    expect(lying.result).toEqual({ ok: false, reason: "tooLarge", entry: "xl/media/zeros49.bin" });
    // Kept, the 49 MB inflated before the refusal would all be live at once; what is measured beyond the
    // ~1 MB kept is discarded chunks waiting for the garbage collector (16–27 MB seen on a busy machine).
    expect(lying.arrayBuffers).toBeLessThan(40 * MB);
    // A lie within the limits: not a zip we open.
    expect(await unzipWithinLimits(manyMegabytes(await workbook(), 10, megabyte, 1000), LIMITS)).toEqual(
      notZip(/zeros0\.bin inflates to 1048576 bytes, declares 1000/),
    );
    // 40 such entries (40 MB), truthful, are within the limits.
    expect(await unzipWithinLimits(manyMegabytes(EMPTY_ZIP, 40, megabyte), LIMITS)).toMatchObject({ ok: true, unzippedBytes: 40 * MB });
  });

  it("counts stored entries too", async () => {
    const stored = zipOf([{ name: "a.bin", method: 0, stored: Buffer.alloc(3 * MB), size: 3 * MB }]);
    expect(await unzipWithinLimits(stored, { ...LIMITS, maxUnzippedBytes: 2 * MB })).toEqual({
      ok: false,
      reason: "tooLarge",
      entry: "a.bin",
    });
    expect(await unzipWithinLimits(stored, LIMITS)).toMatchObject({ ok: true, unzippedBytes: 3 * MB });
    const lying = zipOf([{ name: "a.bin", method: 0, stored: Buffer.alloc(100), size: 100, declaredSize: 10 }]);
    expect(await unzipWithinLimits(lying, LIMITS)).toEqual(notZip(/inflates to 100 bytes, declares 10/));
  });

  it("refuses what is not a plain zip", async () => {
    const entry = deflatedEntry("a.xml", Buffer.from("<a/>".repeat(100)));
    const good = zipOf([entry]);
    expect(await unzipWithinLimits(good, LIMITS)).toMatchObject({ ok: true });
    expect(await unzipWithinLimits(new TextEncoder().encode("STT,Nội dung\n1,x"), LIMITS)).toEqual(notZip(/no end of central directory/));
    expect(await unzipWithinLimits(EMPTY_ZIP, LIMITS)).toEqual(notZip(/no entries/));
    expect(await unzipWithinLimits((await workbook()).subarray(0, 2000), LIMITS)).toEqual(notZip(/no end of central directory/));
    expect(await unzipWithinLimits(zipOf([{ ...entry, flags: 0x0801 }]), LIMITS)).toEqual(notZip(/encrypted/));
    expect(await unzipWithinLimits(zipOf([{ ...entry, method: 12 }]), LIMITS)).toEqual(notZip(/compression method 12/));
    expect(await unzipWithinLimits(zipOf([entry, entry]), LIMITS)).toEqual(notZip(/duplicate entry a\.xml/));
    expect(await unzipWithinLimits(zipOf([{ ...entry, declaredSize: 0xffffffff }]), LIMITS)).toEqual(notZip(/zip64/));
    expect(await unzipWithinLimits(zipOf([{ ...entry, declaredCompressedSize: 1_000_000 }]), LIMITS)).toEqual(notZip(/out of bounds/));
    expect(await unzipWithinLimits(zipOf([{ ...entry, stored: entry.stored.subarray(0, 5), declaredCompressedSize: 5 }]), LIMITS)).toEqual(
      notZip(/corrupt deflate/),
    );
    expect(await unzipWithinLimits(zipOf([entry, deflatedEntry("b.xml", Buffer.from("b"))]), { ...LIMITS, maxEntries: 1 })).toEqual(
      notZip(/more than 1 entries/),
    );

    // Overlapping entries: a second central record pointing at the first entry's bytes.
    const buf = Buffer.from(good);
    const endAt = buf.length - 22;
    const directoryOffset = buf.readUInt32LE(endAt + 16);
    const record = Buffer.from(buf.subarray(directoryOffset, endAt));
    record[46] = "b".charCodeAt(0); // "b.xml", same local header offset
    const end = Buffer.from(buf.subarray(endAt));
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(record.length * 2, 12);
    const overlapping = Buffer.concat([buf.subarray(0, endAt), record, end]);
    expect(await unzipWithinLimits(overlapping, LIMITS)).toEqual(notZip(/overlap/));

    // An entry appended to a zip that has some is still found (the bytes before it are untouched).
    expect(await unzipWithinLimits(appendEntry(good, deflatedEntry("c.xml", Buffer.from("c"))), LIMITS)).toMatchObject({
      ok: true,
      entries: [{ name: "a.xml" }, { name: "c.xml" }],
    });
  });
});

describe("the import's limits", () => {
  it("are 50 MB in all and 100 : 1 past the first megabyte, and name themselves to the user", async () => {
    expect(IMPORT_ZIP_LIMITS).toMatchObject({ maxUnzippedBytes: 50 * MB, maxRatio: 100, ratioFreeBytes: MB });
    const base = await workbook();
    expect(await verifiedWorkbookBytes(await zipBomb(base, { size: 32 * MB }))).toEqual({
      ok: false,
      error: 'excel.error.compressionRatio|{"ratio":100,"free":1}',
    });
    expect(await verifiedWorkbookBytes(manyMegabytes(base, 51, await deflatedZeros(MB)))).toEqual({
      ok: false,
      error: 'excel.error.unzippedTooLarge|{"max":50}',
    });
    expect(await verifiedWorkbookBytes(Buffer.from("PK\u0003\u0004 not really"))).toEqual({ ok: false, error: "excel.error.notXlsx" });
    expect(await verifiedWorkbookBytes(base)).toMatchObject({ ok: true });
  });
});
