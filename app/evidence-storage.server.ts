/**
 * Evidence files: checked (extension and content must agree), stored on disk under UPLOAD_DIR by their
 * SHA-256 (outside the database, so backups of the two can be sized apart), and read back only after
 * the checksum is verified again. Identical files are stored once.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type UploadHandlerPart,
} from "@remix-run/node";
import { toNfc } from "~/domain/text";
import { env } from "~/env.server";

interface EvidenceType {
  mimeType: string;
  /** Whether the first bytes (and, for zip-based formats, the archive's content) fit the extension. */
  matches(bytes: Uint8Array): boolean;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary: the container of the old Office formats (doc, xls, ppt). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function containsAscii(bytes: Uint8Array, text: string) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, "latin1");
}

/** An Office Open XML package: a zip with [Content_Types].xml and the application's part folder. */
const ooxml = (mimeType: string, folder: string): EvidenceType => ({
  mimeType,
  matches: (b) => startsWith(b, ZIP) && containsAscii(b, "[Content_Types].xml") && containsAscii(b, folder),
});

/** An OpenDocument package: a zip whose first entry is the uncompressed `mimetype` file. */
const odf = (mimeType: string): EvidenceType => ({
  mimeType,
  matches: (b) => startsWith(b, ZIP) && startsWith(b, ascii("mimetype"), 30) && startsWith(b, ascii(mimeType), 38),
});

const ole2 = (mimeType: string): EvidenceType => ({ mimeType, matches: (b) => startsWith(b, OLE2) });

export const EVIDENCE_TYPES: Record<string, EvidenceType> = {
  pdf: { mimeType: "application/pdf", matches: (b) => startsWith(b, PDF) },
  jpg: { mimeType: "image/jpeg", matches: (b) => startsWith(b, JPEG) },
  jpeg: { mimeType: "image/jpeg", matches: (b) => startsWith(b, JPEG) },
  png: { mimeType: "image/png", matches: (b) => startsWith(b, PNG) },
  doc: ole2("application/msword"),
  xls: ole2("application/vnd.ms-excel"),
  ppt: ole2("application/vnd.ms-powerpoint"),
  docx: ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
  xlsx: ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
  pptx: ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
  odt: odf("application/vnd.oasis.opendocument.text"),
  ods: odf("application/vnd.oasis.opendocument.spreadsheet"),
};

/** What the file input's `accept` lists, so the browser's picker offers the same types the server takes. */
export const EVIDENCE_ACCEPT = Object.keys(EVIDENCE_TYPES)
  .map((ext) => `.${ext}`)
  .join(",");

const FILE_NAME_MAX = 200;

/** A file name safe to store and to send back: NFC, no path, no control or quote characters, bounded. */
export function cleanFileName(raw: string): string {
  // Browsers send a quote, CR and LF in a multipart file name as %22, %0D and %0A (WHATWG encoding).
  const base = toNfc((raw.split(/[/\\]/).pop() ?? "").replace(/%22|%0D|%0A/gi, ""))
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, "")
    .trim();
  if (base.length <= FILE_NAME_MAX) return base;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 6 ? base.slice(dot) : "";
  return base.slice(0, FILE_NAME_MAX - ext.length) + ext;
}

export type EvidenceCheck = { ok: true; fileName: string; mimeType: string } | { ok: false; error: "error.fileType" | "error.file" };

/** Both the extension and the content must be one of the accepted types, and the same one. */
export function checkEvidenceFile(rawName: string, bytes: Uint8Array): EvidenceCheck {
  const fileName = cleanFileName(rawName);
  const dot = fileName.lastIndexOf(".");
  if (!fileName || dot <= 0 || bytes.byteLength === 0) return { ok: false, error: "error.file" };
  const type = EVIDENCE_TYPES[fileName.slice(dot + 1).toLowerCase()];
  if (!type || !type.matches(bytes)) return { ok: false, error: "error.fileType" };
  return { ok: true, fileName, mimeType: type.mimeType };
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

const STORAGE_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

function pathOf(storageKey: string): string | null {
  const m = STORAGE_KEY.exec(storageKey);
  if (!m || !m[2].startsWith(m[1])) return null;
  return path.resolve(env().UPLOAD_DIR, m[1], m[2]);
}

/** Writes the bytes under their checksum (atomically: a temporary file, then a rename). */
export async function storeEvidence(bytes: Uint8Array): Promise<{ storageKey: string; sha256: string; created: boolean }> {
  const sha256 = sha256Hex(bytes);
  const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
  const target = pathOf(storageKey)!;
  try {
    await fs.access(target);
    return { storageKey, sha256, created: false };
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${crypto.randomUUID()}.part`;
  await fs.writeFile(temp, bytes, { flag: "wx" });
  await fs.rename(temp, target);
  return { storageKey, sha256, created: true };
}

/** Removes a stored file that no record refers to (a write that failed after the upload). */
export async function removeEvidence(storageKey: string): Promise<void> {
  const file = pathOf(storageKey);
  if (file) await fs.rm(file, { force: true });
}

export type EvidenceRead = { ok: true; bytes: Buffer } | { ok: false; error: "missing" | "corrupt" };

/** The stored bytes, only if they still have the recorded checksum. */
export async function readEvidence(storageKey: string, expectedSha256: string): Promise<EvidenceRead> {
  const file = pathOf(storageKey);
  if (!file) return { ok: false, error: "missing" };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return { ok: false, error: "missing" };
  }
  return sha256Hex(bytes) === expectedSha256 ? { ok: true, bytes } : { ok: false, error: "corrupt" };
}

/** RFC 6266 / 5987: an ASCII fallback name plus the exact UTF-8 name for browsers that read filename*. */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\;]/g, "_") || "evidence";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface UploadedForm {
  formData: FormData;
  /** A file part (or the whole body) was over MAX_UPLOAD_MB; its bytes were read and dropped. */
  tooLarge: boolean;
}

/**
 * Reads a form that may carry a file. Multipart bodies go through Remix's memory upload handler with
 * MAX_UPLOAD_MB per part; a larger part is drained (so the browser gets our answer, not a reset
 * connection) and reported as `tooLarge` instead of being kept. Other bodies are read as usual.
 * Returns null for a body that cannot be read as a form.
 */
export async function readUploadForm(request: Request): Promise<UploadedForm | null> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    const formData = await request.formData().catch(() => null);
    return formData ? { formData, tooLarge: false } : null;
  }
  const limit = env().MAX_UPLOAD_MB * 1024 * 1024;
  // Whole-body guard: text fields and any number of parts together stay within one file's size and 1 MB.
  const totalLimit = limit + 1024 * 1024;
  let total = 0;
  let tooLarge = false;
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: limit });
  async function* capped(data: AsyncIterable<Uint8Array>, state: { over: boolean }) {
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (size > limit || total > totalLimit) {
        state.over = true;
        continue; // keep reading so the request is consumed, but keep nothing
      }
      yield chunk;
    }
  }
  const handler: UploadHandler = async (part: UploadHandlerPart) => {
    const state = { over: false };
    const value = await memory({ ...part, data: capped(part.data, state) });
    if (state.over) {
      tooLarge = true;
      return undefined;
    }
    return value;
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, tooLarge };
  } catch {
    return null;
  }
}
