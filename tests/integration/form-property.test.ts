/**
 * Hostile form posts at every mutating web route (fast-check): random subsets of each form's fields
 * and intents, filled with hostile values (huge, NFD, control characters, SQL, script tags, bad dates,
 * wrong types, smuggled fields), posted as the secretariat (who may do the most) and as staff.
 * The upload routes (multipart) get hostile files as well: a real workbook with bytes changed or cut
 * short, random bytes, zip bombs (zeros whose headers declare 1,000 bytes, or a declared size drawn at
 * random; too many megabytes in all), under hostile names.
 *   - the answer is never 5xx;
 *   - a refused post (4xx) changes no row (an import batch is a row too).
 * FC_RUNS sets the runs per route (default 25; a drill may raise it).
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../app/domain/cell-text";
import { IMPORT_COLUMNS, TEMPLATE_HEADERS } from "../../app/domain/task-import";
import { startApp, type Client, type TestApp } from "../support/app";
import { openRowReader, type RowReader } from "../support/reader";
import { MB, appendEntry, deflatedZeros, manyMegabytes, zipBomb } from "../support/zip";

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

let app: TestApp;
let admin: Client;
let staff: Client;
let reader: RowReader;
const ids = { task: 0, unit: 0, user: 0, goal: 0, extension: 0 };

const TABLES = [
  "units",
  "users",
  "tasks",
  "task_programs",
  "task_coordinating_units",
  "task_updates",
  "task_evidence",
  "task_extensions",
  "goals",
  "goal_indicator_values",
  "settings",
  "notifications",
  "email_outbox",
  "import_batches",
] as const;

/** Every row of the tables a form could change, and the append-only logs by count and last id. */
async function fingerprint() {
  const hash = crypto.createHash("sha256");
  for (const table of TABLES) hash.update(JSON.stringify(await reader.table(table)));
  for (const table of ["audit_events", "task_states"])
    hash.update(JSON.stringify(await reader.all(`select count(*) n, max(id) last from ${table}`)));
  hash.update(JSON.stringify(await reader.all("select id, name, revoked_at from api_tokens order by id")));
  return hash.digest("hex");
}

const NFD = "Hà Nội — Sở Khoa học và Công nghệ".normalize("NFD");
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    NFD,
    "x".repeat(10_000),
    "'; DROP TABLE tasks; --",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://hanoi.gov.vn/bao-cao",
    "31/02/2026",
    "2026-02-30",
    "28/11/2026",
    "2099-12-31",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999",
    "1.5",
    "true",
    "\u202Eabc",
    "\u0000",
    "CDS",
    "admin",
    "approve",
    "reject",
    "done",
    "vi",
  ),
  fc.integer({ min: -5, max: 400 }).map(String),
);

interface FormRoute {
  path: () => string;
  intents: string[];
  fields: string[];
}

const TASK_FIELDS = [
  "title",
  "description",
  "ownerId",
  "leadUnitId",
  "coordinatingUnitIds",
  "deadline",
  "startDate",
  "deliverable",
  "programs",
  "goalId",
  "priority",
  "sourceDocNumber",
  "sourceDocDate",
  "sourceDocIssuer",
];
const SMUGGLED = ["role", "id", "status", "createdBy", "active", "password_hash", "__proto__", "extension_count"];

const ROUTES: Record<string, FormRoute> = {
  "tasks.new": { path: () => "/tasks/new", intents: ["draft", "issue"], fields: TASK_FIELDS },
  "tasks.$taskId": {
    path: () => `/tasks/${ids.task}`,
    intents: ["progress", "done", "reopen", "cancel", "extension-request", "extension-decide", "issue", "status"],
    fields: ["version", "progress", "note", "evidenceUrl", "reason", "deadline", "decision", "extensionId", "decisionNote"],
  },
  "tasks.$taskId_.edit": {
    path: () => `/tasks/${ids.task}/edit`,
    intents: ["update", "issue", "save"],
    fields: ["version", ...TASK_FIELDS],
  },
  "tasks.cascade": {
    path: () => "/tasks/cascade",
    intents: ["cascade", "pick-none"],
    fields: [...TASK_FIELDS, "unitIds", `owners.${ids.unit}`],
  },
  extensions: { path: () => "/extensions", intents: ["approve", "reject", "decide"], fields: ["extensionId", "decision", "note"] },
  "goals.new": {
    path: () => "/goals/new",
    intents: ["create"],
    fields: [
      "program",
      "title",
      "description",
      "leadUnitId",
      "dueDate",
      "indicatorName",
      "indicatorUnit",
      "indicatorTarget",
      "indicatorBaseline",
    ],
  },
  "goals.$goalId": {
    path: () => `/goals/${ids.goal}`,
    intents: ["update", "reading"],
    fields: ["version", "title", "program", "dueDate", "value", "asOf", "note", "indicatorTarget"],
  },
  "admin.units.new": { path: () => "/admin/units/new", intents: ["create"], fields: ["code", "name", "kind", "parentId"] },
  "admin.units.$unitId": {
    path: () => `/admin/units/${ids.unit}`,
    intents: ["update", "close", "reopen"],
    fields: ["version", "name", "kind", "parentId"],
  },
  "admin.users.new": { path: () => "/admin/users/new", intents: ["create"], fields: ["email", "fullName", "role", "unitId", "language"] },
  "admin.users.$userId": {
    path: () => `/admin/users/${ids.user}`,
    intents: ["update", "deactivate", "reactivate", "reset-password"],
    fields: ["version", "fullName", "role", "unitId"],
  },
  account: {
    path: () => "/account",
    intents: ["password", "language", "email"],
    fields: ["currentPassword", "newPassword", "confirmPassword", "language", "emailEnabled"],
  },
  notifications: { path: () => "/notifications", intents: ["read", "read-all"], fields: ["id", "redirectTo"] },
  "admin.reminders": {
    path: () => "/admin/reminders",
    intents: ["save", "restore"],
    fields: [
      "version",
      "beforeDays",
      "onDeadlineDay",
      "firstAfterDays",
      "repeatAfterDays",
      "escalateHeadAfterDays",
      "escalateCommitteeAfterDays",
      "extensionPendingDays",
    ],
  },
  "admin.outbox": { path: () => "/admin/outbox?index", intents: ["retry"], fields: ["id", "redirectTo"] },
  "account_.tokens": { path: () => "/account/tokens", intents: ["create", "revoke"], fields: ["name", "tokenId"] },
};

function formBody(route: FormRoute) {
  const keys = [...route.fields, ...SMUGGLED];
  return fc.record({
    intent: fc.oneof(fc.constantFrom(...route.intents), hostile),
    values: fc.dictionary(fc.constantFrom(...keys), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: keys.length }),
  });
}

/** Upload routes (multipart/form-data): hostile files in the file field, hostile values in the others. */
interface UploadRoute {
  path: () => string;
  intent: string;
  fileField: string;
  fields: string[];
}

const UPLOAD_ROUTES: Record<string, UploadRoute> = {
  "tasks.import (upload)": {
    path: () => "/tasks/import",
    intent: "upload",
    fileField: "file",
    fields: ["programs", "sourceDocNumber", "sourceDocDate", "sourceDocIssuer"],
  },
};

/** Files made once (beforeAll): a real plan to damage, and bombs. */
const samples: Record<"plan" | "bomb" | "tooMuch" | "zeros", Uint8Array> = {
  plan: new Uint8Array(),
  bomb: new Uint8Array(),
  tooMuch: new Uint8Array(),
  zeros: new Uint8Array(),
};

async function makeSamples() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Phụ lục");
  sheet.addRow(IMPORT_COLUMNS.map((c) => TEMPLATE_HEADERS[c]));
  sheet.addRow([1, "Nhiệm vụ thử", "SKHCN-CDS", "Sở Y tế", "", "31/12/2099", "Báo cáo", "CĐS", ""]);
  samples.plan = new Uint8Array(await workbook.xlsx.writeBuffer());
  samples.bomb = await zipBomb(samples.plan, { size: 64 * MB, declaredSize: 1000 });
  samples.tooMuch = manyMegabytes(samples.plan, 51, await deflatedZeros(MB), 1000);
  samples.zeros = await deflatedZeros(16 * MB);
}

function hostileFile(): fc.Arbitrary<Uint8Array> {
  const mutated = (positions: Array<[number, number]>, tail: boolean) => {
    const bytes = new Uint8Array(samples.plan);
    // Half the time in the last kilobyte: the central directory and its end record.
    for (const [at, value] of positions) bytes[tail ? bytes.length - 1 - (at % 1024) : at % bytes.length] = value;
    return bytes;
  };
  return fc.oneof(
    fc.constant(null).map(() => samples.plan),
    fc.constant(null).map(() => samples.bomb),
    fc.constant(null).map(() => samples.tooMuch),
    fc.uint8Array({ maxLength: 4096 }),
    fc
      .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.boolean())
      .map(([positions, tail]) => mutated(positions, tail)),
    fc.nat().map((n) => samples.plan.subarray(0, n % samples.plan.length)),
    // 16 MB of zeros as one more entry, declaring any size, stored or deflated.
    fc
      .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 8, 9, 12))
      .map(([declaredSize, method]) =>
        appendEntry(samples.plan, { name: "xl/media/image1.png", method, stored: samples.zeros, size: 16 * MB, declaredSize }),
      ),
  );
}

function uploadBody(route: UploadRoute) {
  return fc.record({
    // Mostly the route's own intent, so that most files are read.
    intent: fc.oneof({ arbitrary: fc.constant(route.intent), weight: 4 }, { arbitrary: hostile, weight: 1 }),
    values: fc.dictionary(fc.constantFrom(...route.fields, ...SMUGGLED), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), {
      maxKeys: route.fields.length,
    }),
    file: hostileFile(),
    fileName: fc.oneof(
      fc.constantFrom("ke-hoach.xlsx", "KE HOACH.XLSX", "bom.zip", "../../etc/passwd.xlsx", "a".repeat(300) + ".xlsx"),
      hostile,
    ),
  });
}

beforeAll(async () => {
  await makeSamples();
  app = await startApp();
  admin = await app.signedIn("thuky@roviec.demo");
  staff = await app.signedIn("cv.cds@roviec.demo");
  reader = await openRowReader(app);
  ids.task = (await app.db.selectFrom("tasks").select("id").where("status", "=", "in_progress").orderBy("id").executeTakeFirstOrThrow()).id;
  ids.unit = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN-TTDL").executeTakeFirstOrThrow()).id;
  ids.user = (await app.db.selectFrom("users").select("id").where("email", "=", "cv.ttdl@roviec.demo").executeTakeFirstOrThrow()).id;
  ids.goal = (await app.db.selectFrom("goals").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  ids.extension = (
    await app.db.selectFrom("task_extensions").select("id").where("status", "=", "pending").orderBy("id").executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

describe("hostile form posts", () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: never a 5xx, and a refused post changes nothing`, { timeout: Math.max(60_000, RUNS * 2_000) }, async () => {
      await fc.assert(
        fc.asyncProperty(formBody(route), fc.boolean(), async ({ intent, values }, asStaff) => {
          const body: Record<string, string | string[]> = { intent };
          for (const [key, value] of Object.entries(values)) body[key] = value;
          const before = await fingerprint();
          const response = await (asStaff ? staff : admin).post(route.path(), body);
          await response.arrayBuffer();
          expect(response.status, `${name} answered ${response.status}`).toBeLessThan(500);
          if (response.status >= 400) expect(await fingerprint(), `${name} refused with ${response.status} but changed rows`).toBe(before);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});

describe("hostile uploads", () => {
  for (const [name, route] of Object.entries(UPLOAD_ROUTES)) {
    it(`${name}: never a 5xx, and a refused file changes nothing`, { timeout: Math.max(60_000, RUNS * 2_000) }, async () => {
      await fc.assert(
        fc.asyncProperty(
          uploadBody(route),
          fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
          async ({ intent, values, file, fileName }, asStaff) => {
            const form = new FormData();
            form.set("intent", intent);
            for (const [key, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
            form.set(route.fileField, new File([new Uint8Array(file)], fileName, { type: XLSX_MIME }));
            const before = await fingerprint();
            const response = await (asStaff ? staff : admin).request(route.path(), { method: "POST", body: form });
            await response.arrayBuffer();
            expect(response.status, `${name} answered ${response.status}`).toBeLessThan(500);
            if (response.status >= 400)
              expect(await fingerprint(), `${name} refused with ${response.status} but changed rows`).toBe(before);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});
