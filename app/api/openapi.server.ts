/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the code it describes. Enums come
 * from the same constants the server uses; tests/integration/openapi.test.ts checks that every route
 * file is described (and nothing else), that each method the document lists is served and the others
 * answer 405, and that real responses validate against these schemas.
 */
import { ROLES } from "~/auth/policy";
import { XLSX_MIME } from "~/domain/cell-text";
import { PROGRAM_CODES, STANDINGS, TASK_PRIORITIES, TASK_STATUSES } from "~/domain/task-rules";
import { UNIT_KINDS } from "~/models/unit.server";
import { MAX_BODY_BYTES } from "./json.server";
import { NOTIFICATION_LIST_DEFAULT_LIMIT, NOTIFICATION_LIST_MAX_LIMIT } from "./notification-input.server";
import { QUERY_TEXT_MAX, TASK_LIST_DEFAULT_LIMIT, TASK_LIST_MAX_LIMIT } from "./task-input.server";

type Schema = Record<string, unknown>;

/** What an issued task needs at creation (the 5-rõ gate, and at least one program). */
const ISSUED_REQUIRED = ["title", "ownerId", "leadUnitId", "deadline", "deliverable", "programs"] as const;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema =>
  typeof schema.type === "string"
    ? { ...schema, type: [schema.type, "null"], ...(schema.enum ? { enum: [...(schema.enum as unknown[]), null] } : {}) }
    : { anyOf: [schema, { type: "null" }] };
const id: Schema = { type: "integer", minimum: 1 };
const text: Schema = { type: "string" };
const date: Schema = { type: "string", format: "date", description: "YYYY-MM-DD" };
const dateTime: Schema = { type: "string", format: "date-time" };
const arrayOf = (items: Schema): Schema => ({ type: "array", items });
/** A response object: every property listed is always present (possibly null). */
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});

const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "cross_site",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "invalid",
  "internal",
];

const taskProperties: Record<string, Schema> = {
  id,
  title: text,
  description: nullable(text),
  ownerId: nullable(id),
  leadUnitId: nullable(id),
  coordinatingUnitIds: arrayOf(id),
  programs: arrayOf({ type: "string", enum: [...PROGRAM_CODES] }),
  goalId: nullable(id),
  parentId: { ...nullable(id), description: "The directive this task was cascaded from." },
  deadline: { ...nullable(date), description: "The deadline in force (moves only by an approved extension)." },
  originalDeadline: { ...nullable(date), description: "The deadline when the task was issued." },
  extensionCount: { type: "integer", minimum: 0 },
  startDate: nullable(date),
  deliverable: nullable(text),
  priority: { type: "string", enum: [...TASK_PRIORITIES] },
  status: { type: "string", enum: [...TASK_STATUSES] },
  progress: { type: "integer", minimum: 0, maximum: 100 },
  completedAt: nullable(dateTime),
  standing: {
    type: ["string", "null"],
    enum: [...STANDINGS, null],
    description: "Judged for today in APP_TZ; null for drafts and cancelled tasks.",
  },
  sourceDocument: nullable(ref("SourceDocument")),
  version: { type: "integer", minimum: 1, description: "Send it back in PATCH; a stale one is refused with 409." },
  createdAt: dateTime,
  updatedAt: dateTime,
};

const extensionProperties: Record<string, Schema> = {
  id,
  taskId: id,
  status: { type: "string", enum: ["pending", "approved", "rejected"] },
  previousDeadline: date,
  requestedDeadline: date,
  reason: text,
  requestedAt: dateTime,
  requestedByName: text,
  decidedAt: nullable(dateTime),
  decidedByName: nullable(text),
  decisionNote: nullable(text),
};

/** Writable content of a task (POST and PATCH). */
const taskContentProperties: Record<string, Schema> = {
  title: { type: "string", maxLength: 300 },
  description: nullable({ type: "string", maxLength: 5000 }),
  ownerId: { ...nullable(id), description: "Must belong to the lead unit or a unit below it." },
  leadUnitId: nullable(id),
  coordinatingUnitIds: nullable({ ...arrayOf(id), maxItems: 50 }),
  startDate: nullable(date),
  deliverable: nullable({ type: "string", maxLength: 1000 }),
  programs: nullable({ ...arrayOf({ type: "string", enum: [...PROGRAM_CODES] }), maxItems: 3 }),
  goalId: nullable(id),
  priority: { type: "string", enum: [...TASK_PRIORITIES] },
  sourceDocument: nullable({
    type: "object",
    properties: {
      number: nullable({ type: "string", maxLength: 100 }),
      date: nullable(date),
      issuer: nullable({ type: "string", maxLength: 300 }),
    },
  }),
};

const idParameter = (description: string): Schema => ({ name: "id", in: "path", required: true, description, schema: id });
const query = (name: string, schema: Schema, description: string): Schema => ({ name, in: "query", required: false, description, schema });

/** The task list's filters (GET /api/v1/tasks and its Excel report). */
const taskFilterParameters: Schema[] = [
  query("program", { type: "string", enum: [...PROGRAM_CODES] }, "Tasks of this program."),
  query("unitId", id, "Tasks led by this unit."),
  query("ownerId", id, "Tasks owned by this user."),
  query("standing", { type: "string", enum: [...STANDINGS] }, "Tasks with this standing today."),
  query(
    "q",
    { type: "string", maxLength: QUERY_TEXT_MAX },
    "Words in title, description, deliverable or document number; accents and case ignored.",
  ),
];

const json = (schema: Schema, description: string): Schema => ({ description, content: { "application/json": { schema } } });
const RESPONSE_NAMES: Record<string, string> = {
  "400": "BadRequest",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "NotFound",
  "405": "MethodNotAllowed",
  "409": "Conflict",
  "413": "PayloadTooLarge",
  "415": "UnsupportedMediaType",
  "422": "Invalid",
};
const errors = (...codes: string[]) =>
  Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/responses/${RESPONSE_NAMES[code]}` }]));
/**
 * Every write may be refused by the HTTP server before it reaches the API: 403 `cross_site` (from another
 * site, or carrying a session cookie) and 413 `payload_too_large` (a body over the cap).
 */
const WRITE_ERRORS = ["400", "401", "403", "404", "405", "413", "415", "422"];
const jsonBody = (schema: Schema, description?: string): Schema => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Rõ Việc API",
      version: "1.0.0",
      // No open-source licence: the software and its data belong to the city's steering committee.
      license: { name: "Proprietary (not open source)", identifier: "LicenseRef-Proprietary" },
      description: [
        "JSON API of Rõ Việc for the city's document-management and reporting systems.",
        "",
        "Authentication: a personal API token (created at /account/tokens or with `npm run token:create`) in `Authorization: Bearer <token>`. A token acts with its user's permissions, through the same policy as the web pages; it stops working when revoked or when its user is deactivated. Cookies are never accepted in its place.",
        "",
        "Bodies are JSON (UTF-8, `Content-Type: application/json`, at most " + MAX_BODY_BYTES / 1024 + " KB). Unknown keys are ignored.",
        "",
        'Errors: `{ "error": "<message>", "code": "<code>", "errors": { "<field>": ["<message>"] } }`. Messages are in the token user\'s language setting (vi or en); before a user is known (401) they are in English.',
      ].join("\n"),
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/api/v1/me": {
        get: {
          operationId: "getMe",
          summary: "The user the token acts as",
          responses: { "200": json(ref("Me"), "The user"), ...errors("401") },
        },
      },
      "/api/v1/units": {
        get: {
          operationId: "listUnits",
          summary: "Open units",
          responses: { "200": json(ref("UnitList"), "Units"), ...errors("401", "403") },
        },
      },
      "/api/v1/users": {
        get: {
          operationId: "listUsers",
          summary: "Active users (not allowed for staff)",
          parameters: [
            query("unitId", id, "Only users of this unit (not its sub-units)."),
            query("role", { type: "string", enum: [...ROLES] }, "Only users with this role."),
          ],
          responses: { "200": json(ref("UserList"), "Users"), ...errors("401", "403", "422") },
        },
      },
      "/api/v1/programs": {
        get: {
          operationId: "listPrograms",
          summary: "Programs",
          responses: { "200": json(ref("ProgramList"), "Programs"), ...errors("401") },
        },
      },
      "/api/v1/tasks": {
        get: {
          operationId: "listTasks",
          summary: "Tasks, filtered and paged (sorted by deadline)",
          parameters: [
            ...taskFilterParameters,
            query("limit", { type: "integer", minimum: 1, maximum: TASK_LIST_MAX_LIMIT, default: TASK_LIST_DEFAULT_LIMIT }, "Page size."),
            query("offset", { type: "integer", minimum: 0, default: 0 }, "Tasks to skip."),
          ],
          responses: { "200": json(ref("TaskList"), "A page of tasks and the total"), ...errors("401", "403", "422") },
        },
        post: {
          operationId: "createTask",
          summary: "Create a task: issued at once, or a draft with draft: true",
          description:
            "An issued task needs the five clear items (title, ownerId, leadUnitId, deadline, deliverable) and at least one program; a draft (`draft: true`) may lack any of them. A `status` key is refused (use `draft`). Heads create only within their unit's subtree, so a head's draft without `leadUnitId` is led by the head's own unit; staff may not create tasks.",
          requestBody: jsonBody(ref("TaskCreate")),
          responses: {
            "201": json(ref("Task"), "The created task (Location: its URL)"),
            ...errors(...WRITE_ERRORS.filter((c) => c !== "404")),
          },
        },
      },
      "/api/v1/tasks/{id}": {
        parameters: [idParameter("Task id")],
        get: {
          operationId: "getTask",
          summary: "A task with its history and extension requests",
          responses: { "200": json(ref("TaskDetail"), "The task"), ...errors("401", "403", "404") },
        },
        patch: {
          operationId: "updateTask",
          summary: "Edit fields and/or post progress or a status change",
          description: [
            "Send the task's current `version`; a stale one is refused with 409 and nothing changes. Absent keys stay unchanged; null (or an empty text) clears an optional field.",
            "- progress / note / evidenceUrl: a progress update (a note is needed when the progress does not change).",
            '- status "done": complete; needs `note` and `evidenceUrl`.',
            '- status "in_progress" on a done task: reopen; `note` is the reason.',
            '- status "cancelled": cancel; `note` is the reason.',
            '- status "not_started" on a draft: issue it (the 5-rõ gate applies).',
            "- `deadline` is refused (422) once a task is issued: request an extension instead.",
            "Field edits are applied first, then the progress or status change; the whole request is checked before anything is written.",
          ].join("\n"),
          requestBody: jsonBody(ref("TaskPatch")),
          responses: { "200": json(ref("Task"), "The task after the change"), ...errors(...WRITE_ERRORS, "409") },
        },
      },
      "/api/v1/tasks/{id}/extensions": {
        parameters: [idParameter("Task id")],
        post: {
          operationId: "requestExtension",
          summary: "Request a later deadline (before the current one passes)",
          requestBody: jsonBody(ref("ExtensionRequest")),
          responses: { "201": json(ref("Extension"), "The pending request"), ...errors(...WRITE_ERRORS) },
        },
      },
      "/api/v1/extensions/{id}/decision": {
        parameters: [idParameter("Extension request id")],
        post: {
          operationId: "decideExtension",
          summary: "Approve (the deadline moves) or reject a pending extension request",
          requestBody: jsonBody(ref("ExtensionDecision")),
          responses: { "200": json(ref("ExtensionDecisionResult"), "The decided request and the task"), ...errors(...WRITE_ERRORS) },
        },
      },
      "/api/v1/reports/tasks.xlsx": {
        get: {
          operationId: "exportTasksXlsx",
          summary: "Every task matching the filters, as an Excel workbook",
          description: [
            "The administrative layout of the committee's lists (Vietnamese): a title, the filters in words and the date, then one row per task with the columns STT, Nội dung nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp, Người chịu trách nhiệm, Thời hạn, Sản phẩm, Tiến độ, Tình trạng, Ghi chú.",
            "Same filters as GET /api/v1/tasks, without paging: the file holds every matching task, sorted by deadline. Deadlines are Excel dates (dd/mm/yyyy), progress a number formatted as a percentage. Texts that begin with = + - @ are written with a leading apostrophe so that no spreadsheet takes them for a formula.",
          ].join("\n\n"),
          parameters: taskFilterParameters,
          responses: {
            "200": {
              description: "The workbook (an attachment; its file name carries the date)",
              // OpenAPI 3.1: binary content is described by its media type alone.
              content: { [XLSX_MIME]: {} },
            },
            ...errors("401", "403", "422"),
          },
        },
      },
      "/api/v1/rollups": {
        get: {
          operationId: "getRollups",
          summary: "The report figures as of a date, by unit, program or goal",
          description: [
            "The categories of the Government Office's task-tracking reports, as of a date (default today in the app's time zone): done on time, done late, open within deadline (dueSoon: of which due within 7 days), open and overdue (by age in days), with drafts and cancelled tasks counted apart and not in `total`. Shares are fractions 0–1 rounded to 4 decimals.",
            "Each task is counted as it stood on that date (its state history), so a past date gives the same figures whenever it is asked again; the unit page and the printable report show the same numbers.",
            "by=unit: every unit with tasks (with unitId: that unit and the units below it); a task counts for its lead unit and, unless includeSubunits=false, for every unit above it too.",
          ].join("\n\n"),
          parameters: [
            query("by", { type: "string", enum: ["unit", "program", "goal"], default: "unit" }, "How the figures are grouped."),
            query("asOf", date, "The date (YYYY-MM-DD, not in the future); default today."),
            query("unitId", id, "by=unit only: this unit and the units below it."),
            query(
              "includeSubunits",
              { type: "string", enum: ["true", "false"], default: "true" },
              "by=unit: each unit counts the tasks of the units below it (false: its own tasks only).",
            ),
          ],
          responses: { "200": json(ref("Rollup"), "The figures"), ...errors("401", "403", "422") },
        },
      },
      "/api/v1/notifications": {
        get: {
          operationId: "listNotifications",
          summary: "The token user's notifications (reminders, escalations), newest first",
          description:
            "Only the token user's own notifications. `unread` is always the number of unread notifications; `total` counts the items matching the filter (all, or unread only with unread=true). Kinds: deadline_before, deadline_today, overdue, escalation_head, escalation_committee, extension_pending, owner_inactive (new kinds may be added: treat an unknown kind as a generic notice about the task).",
          parameters: [
            query("unread", { type: "string", enum: ["true", "false"], default: "false" }, "true: only unread notifications."),
            query(
              "limit",
              { type: "integer", minimum: 1, maximum: NOTIFICATION_LIST_MAX_LIMIT, default: NOTIFICATION_LIST_DEFAULT_LIMIT },
              "Page size.",
            ),
            query("offset", { type: "integer", minimum: 0, default: 0 }, "Notifications to skip."),
          ],
          responses: { "200": json(ref("NotificationList"), "A page of notifications and the unread count"), ...errors("401", "422") },
        },
      },
      "/api/v1/notifications/{id}/read": {
        parameters: [idParameter("Notification id")],
        post: {
          operationId: "markNotificationRead",
          summary: "Mark one of the token user's notifications read",
          description:
            "Idempotent: marking a read notification again keeps its first readAt. No body is needed. Another user's notification answers 404, exactly like a missing one.",
          responses: { "200": json(ref("Notification"), "The notification, read"), ...errors("401", "403", "404", "413") },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          security: [],
          responses: { "200": json({ type: "object" }, "OpenAPI 3.1 document") },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: 'A personal API token, "rv_" followed by 32 characters.' },
      },
      responses: {
        BadRequest: json(ref("Error"), "Malformed JSON, or a body that is not a JSON object"),
        Unauthorized: json(ref("Error"), "No token, or an unknown or revoked token, or its user is deactivated"),
        Forbidden: json(
          ref("Error"),
          "`forbidden`: the policy does not allow this user to do this. On a write also `cross_site`: the HTTP server refused a request from another site or one carrying a session cookie, before the API saw it (send API calls with the bearer token only).",
        ),
        NotFound: json(ref("Error"), "No such record"),
        MethodNotAllowed: json(ref("Error"), "The method is not served on this path (see the Allow header)"),
        Conflict: json(ref("Error"), "The version is stale: someone else changed the task. Carries currentVersion and changedFields."),
        PayloadTooLarge: json(
          ref("Error"),
          `\`payload_too_large\`: the body is over ${MAX_BODY_BYTES / 1024} KB (refused without reading the rest)`,
        ),
        UnsupportedMediaType: json(ref("Error"), "The body is not application/json in UTF-8"),
        Invalid: json(ref("Error"), "Some fields are not valid; `errors` names each"),
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error", "code"],
          properties: {
            error: { type: "string", description: "What went wrong, in the user's language" },
            code: { type: "string", enum: ERROR_CODES },
            errors: { type: "object", additionalProperties: arrayOf(text), description: "Messages per field" },
            currentVersion: { type: "integer", description: "409 only: the task's version now" },
            changedFields: { ...arrayOf(text), description: "409 only: fields changed since the version sent" },
          },
          additionalProperties: false,
        },
        Me: object({
          id,
          email: { type: "string", format: "email" },
          name: text,
          role: { type: "string", enum: [...ROLES] },
          unitId: id,
          language: { type: "string", enum: ["vi", "en"] },
        }),
        Unit: object({ id, code: text, name: text, kind: { type: "string", enum: [...UNIT_KINDS] }, parentId: nullable(id) }),
        UnitList: object({ items: arrayOf(ref("Unit")) }),
        User: object({
          id,
          email: { type: "string", format: "email" },
          name: text,
          role: { type: "string", enum: [...ROLES] },
          unitId: id,
        }),
        UserList: object({ items: arrayOf(ref("User")) }),
        Program: object({ code: { type: "string", enum: [...PROGRAM_CODES] }, name: text }),
        ProgramList: object({ items: arrayOf(ref("Program")) }),
        RollupItem: object({
          key: { type: "string", description: "Unit id, program code or goal id" },
          name: text,
          total: { type: "integer", minimum: 0, description: "Issued tasks (drafts and cancelled apart)" },
          doneOnTime: { type: "integer", minimum: 0 },
          doneLate: { type: "integer", minimum: 0 },
          openOnTime: { type: "integer", minimum: 0, description: "Not done, deadline not passed (includes dueSoon)" },
          dueSoon: { type: "integer", minimum: 0, description: "Of openOnTime: deadline within 7 days" },
          overdue: { type: "integer", minimum: 0 },
          overdueByAge: object(
            {
              "1-30": { type: "integer", minimum: 0 },
              "31-60": { type: "integer", minimum: 0 },
              "61-120": { type: "integer", minimum: 0 },
              "120+": { type: "integer", minimum: 0 },
            },
            "Overdue tasks by days overdue",
          ),
          extended: { type: "integer", minimum: 0, description: "Of total: deadline extended at least once" },
          drafts: { type: "integer", minimum: 0 },
          cancelled: { type: "integer", minimum: 0 },
          shareOverdue: { type: "number", minimum: 0, maximum: 1, description: "overdue / total" },
          shareDoneOnTime: { type: "number", minimum: 0, maximum: 1, description: "doneOnTime / total" },
        }),
        Rollup: object({ asOf: date, items: arrayOf(ref("RollupItem")) }),
        SourceDocument: object(
          { number: nullable(text), date: nullable(date), issuer: nullable(text) },
          "The document that assigned the task",
        ),
        Task: object(taskProperties),
        TaskList: object({
          items: arrayOf(ref("Task")),
          total: { type: "integer", minimum: 0 },
          limit: { type: "integer", minimum: 1 },
          offset: { type: "integer", minimum: 0 },
        }),
        HistoryEntry: object({
          at: dateTime,
          actorId: nullable(id),
          actorName: nullable(text),
          action: {
            type: "string",
            description: "task.issue, task.update, task.progress, task.complete, task.reopen, task.cancel, task.extension_request, …",
          },
          changes: { type: "object", additionalProperties: object({ before: {}, after: {} }) },
          note: nullable(text),
        }),
        Extension: object(extensionProperties),
        Notification: object({
          id,
          kind: {
            type: "string",
            description:
              "deadline_before, deadline_today, overdue, escalation_head, escalation_committee, extension_pending, owner_inactive, …",
          },
          taskId: { ...nullable(id), description: "The task it is about (set for every current kind)." },
          createdAt: dateTime,
          readAt: { ...nullable(dateTime), description: "null while unread" },
        }),
        NotificationList: object({
          items: arrayOf(ref("Notification")),
          unread: { type: "integer", minimum: 0, description: "The user's unread notifications (regardless of the filter)" },
          total: { type: "integer", minimum: 0, description: "Notifications matching the filter" },
          limit: { type: "integer", minimum: 1 },
          offset: { type: "integer", minimum: 0 },
        }),
        TaskDetail: object({ ...taskProperties, history: arrayOf(ref("HistoryEntry")), extensions: arrayOf(ref("Extension")) }),
        ExtensionDecisionResult: object({ ...extensionProperties, task: ref("Task") }),
        TaskCreate: {
          description:
            "Either an issued task (no `draft`, or `draft: false`) with the five clear items and a program, or a draft (`draft: true`) that may lack them.",
          // Exactly one matches (`draft` is const false or absent in one, const true and required in the other);
          // anyOf rather than oneOf because the linter cannot see that and asks `draft` to be required in both.
          anyOf: [ref("IssuedTaskCreate"), ref("DraftTaskCreate")],
        },
        IssuedTaskCreate: {
          type: "object",
          description:
            "Issued at once: the five clear items (title, ownerId, leadUnitId, deadline, deliverable) and at least one program are required. Unknown keys are ignored.",
          required: [...ISSUED_REQUIRED],
          properties: {
            ...taskContentProperties,
            title: { type: "string", minLength: 1, maxLength: 300 },
            ownerId: { ...id, description: "Must belong to the lead unit or a unit below it." },
            leadUnitId: { ...id, description: "Heads: their own unit or a unit below it." },
            deadline: { ...date, description: "Today (in APP_TZ) or later." },
            deliverable: { type: "string", minLength: 1, maxLength: 1000 },
            programs: { ...arrayOf({ type: "string", enum: [...PROGRAM_CODES] }), minItems: 1, maxItems: 3 },
            draft: { type: "boolean", const: false, description: "Absent or false: the task is issued." },
          },
        },
        DraftTaskCreate: {
          type: "object",
          description:
            "Saved as a draft: any of the five items may be missing (nobody is chased for a draft). A head's draft without `leadUnitId` is led by the head's own unit, since a head creates tasks only within their unit's subtree. Unknown keys are ignored.",
          required: ["draft"],
          properties: {
            ...taskContentProperties,
            leadUnitId: { ...nullable(id), description: "Absent or null: no lead unit yet; for a head, the head's own unit." },
            deadline: nullable(date),
            draft: { type: "boolean", const: true, description: "true: save as a draft instead of issuing." },
          },
        },
        TaskPatch: {
          type: "object",
          required: ["version"],
          properties: {
            version: { type: "integer", minimum: 1 },
            ...taskContentProperties,
            leadUnitId: {
              ...nullable(id),
              description:
                "null clears it on a draft only, and only for admin and committee (a head's draft keeps a lead unit within their subtree); 422 otherwise.",
            },
            deadline: { ...nullable(date), description: "Drafts only; an issued task's deadline moves by extension (422 otherwise)." },
            progress: { type: "integer", minimum: 0, maximum: 100 },
            status: { type: "string", enum: [...TASK_STATUSES] },
            note: nullable({ type: "string", maxLength: 4000 }),
            evidenceUrl: nullable({ type: "string", maxLength: 2000, description: "http(s) link to the evidence" }),
          },
        },
        ExtensionRequest: {
          type: "object",
          required: ["deadline", "reason"],
          properties: {
            deadline: { ...date, description: "Later than the current deadline" },
            reason: { type: "string", minLength: 1, maxLength: 2000 },
          },
        },
        ExtensionDecision: {
          type: "object",
          required: ["decision"],
          properties: { decision: { type: "string", enum: ["approve", "reject"] }, note: nullable({ type: "string", maxLength: 2000 }) },
        },
      },
    },
  };
}
