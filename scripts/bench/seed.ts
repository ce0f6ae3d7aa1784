/**
 * The benchmark's data: the demo (its units, accounts, goals and 300 tasks, so the demo sign-ins work)
 * grown to a city-sized load — 600 units (the city → departments and 126 wards/communes → their
 * divisions), 5,000 users and 100,000 tasks with the rows a real task has: programs, coordinating
 * units, progress updates, extension requests and decisions, one task_states row per write and one
 * history entry (audit_events) per event, shaped as app/models/task.server.ts writes them.
 *
 * Statuses and deadlines spread like a live committee's: drafts, issued, in progress, done on time
 * and late, cancelled, overdue in every age band, deadlines from 14 months ago to 8 months ahead.
 * Deterministic (a seeded PRNG) for a given "today". Portable Kysely multi-row inserts, chunked so a
 * statement stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound values, in one transaction
 * per table group.
 */
import { sql, type InsertObject, type Kysely, type Transaction } from "kysely";
import * as clock from "../../app/clock.server";
import { addDays } from "../../app/domain/dates";
import { foldForSearch } from "../../app/domain/text";
import type { Database, TaskStatus } from "../../db/schema";
import { demoToday, seedDemoData } from "../../db/seed";
import { mulberry32 } from "../../db/seeded-random";

export interface BenchSize {
  units: number;
  users: number;
  tasks: number;
}

export const FULL_SIZE: BenchSize = { units: 600, users: 5000, tasks: 100_000 };

/** Bound values per statement: under SQLite's 32,766 (and PostgreSQL's 65,535). */
const MAX_PARAMS = 30_000;

// ---------------------------------------------------------------------------------------------
// Randomness and dates

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** An instant on a day in Asia/Ho_Chi_Minh (UTC+7), minutes after midnight there. */
function at(day: string, minuteOfDay: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 7 * 3_600_000 + minuteOfDay * 60_000).toISOString();
}
const minStr = (a: string, b: string) => (a < b ? a : b);

async function insertChunked<T extends keyof Database & string>(
  trx: Transaction<Database> | Kysely<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += chunk)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
}

/** Inserts rows and returns their new ids in order (checked: one id per row, rising). */
async function insertReturningIds<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
) {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const columns = Object.keys(rows[0] as object).length;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const returned = (await (trx.insertInto(table) as any).values(slice).returning("id").execute()) as Array<{ id: number }>;
    if (returned.length !== slice.length) throw new Error(`bench seed: ${table} returned ${returned.length} ids for ${slice.length} rows`);
    for (const r of returned) {
      const id = Number(r.id);
      if (ids.length && id <= ids[ids.length - 1]) throw new Error(`bench seed: ${table} ids do not rise in insertion order`);
      ids.push(id);
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const WARD_NAMES = [
  "Hoàn Kiếm",
  "Cửa Nam",
  "Ba Đình",
  "Ngọc Hà",
  "Giảng Võ",
  "Hai Bà Trưng",
  "Vĩnh Tuy",
  "Bạch Mai",
  "Đống Đa",
  "Kim Liên",
  "Văn Miếu - Quốc Tử Giám",
  "Láng",
  "Ô Chợ Dừa",
  "Hồng Hà",
  "Lĩnh Nam",
  "Hoàng Mai",
  "Vĩnh Hưng",
  "Tương Mai",
  "Định Công",
  "Hoàng Liệt",
  "Yên Sở",
  "Thanh Xuân",
  "Khương Đình",
  "Phương Liệt",
  "Cầu Giấy",
  "Nghĩa Đô",
  "Yên Hòa",
  "Tây Hồ",
  "Phú Thượng",
  "Tây Tựu",
  "Phú Diễn",
  "Xuân Đỉnh",
  "Đông Ngạc",
  "Thượng Cát",
  "Từ Liêm",
  "Xuân Phương",
  "Tây Mỗ",
  "Đại Mỗ",
  "Long Biên",
  "Bồ Đề",
  "Việt Hưng",
  "Phúc Lợi",
  "Hà Đông",
  "Dương Nội",
  "Yên Nghĩa",
  "Phú Lương",
  "Kiến Hưng",
  "Thanh Liệt",
  "Chương Mỹ",
  "Sơn Tây",
  "Tùng Thiện",
  "Sóc Sơn",
  "Đa Phúc",
  "Nội Bài",
  "Trung Giã",
  "Kim Anh",
  "Đông Anh",
  "Phúc Thịnh",
  "Thư Lâm",
  "Thiên Lộc",
  "Vĩnh Thanh",
  "Mê Linh",
  "Yên Lãng",
  "Tiến Thắng",
  "Quang Minh",
  "Gia Lâm",
  "Thuận An",
  "Bát Tràng",
  "Phù Đổng",
  "Thanh Trì",
  "Đại Thanh",
  "Nam Phù",
  "Ngọc Hồi",
  "Thượng Phúc",
  "Thường Tín",
  "Chương Dương",
  "Hồng Vân",
  "Phú Xuyên",
  "Phượng Dực",
  "Chuyên Mỹ",
  "Đại Xuyên",
  "Thanh Oai",
  "Bình Minh",
  "Tam Hưng",
  "Dân Hòa",
  "Vân Đình",
  "Ứng Thiên",
  "Hòa Xá",
  "Ứng Hòa",
  "Mỹ Đức",
  "Hồng Sơn",
  "Phúc Sơn",
  "Hương Sơn",
  "Phú Nghĩa",
  "Xuân Mai",
  "Trần Phú",
  "Hòa Phú",
  "Quảng Bị",
  "Minh Châu",
  "Quảng Oai",
  "Vật Lại",
  "Cổ Đô",
  "Bất Bạt",
  "Suối Hai",
  "Ba Vì",
  "Yên Bài",
  "Đoài Phương",
  "Phúc Thọ",
  "Phúc Lộc",
  "Hát Môn",
  "Thạch Thất",
  "Hạ Bằng",
  "Tây Phương",
  "Hòa Lạc",
  "Yên Xuân",
  "Quốc Oai",
  "Hưng Đạo",
  "Kiều Phú",
  "Phú Cát",
  "Hoài Đức",
  "Dương Hòa",
  "Sơn Đồng",
  "An Khánh",
  "Đan Phượng",
  "Ô Diên",
  "Liên Minh",
];
const WARD_DIVISIONS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"];
const DEPARTMENT_DIVISIONS = [
  "Văn phòng",
  "Phòng Kế hoạch - Tài chính",
  "Phòng Tổ chức cán bộ",
  "Phòng Pháp chế",
  "Phòng Cải cách hành chính",
  "Phòng Công nghệ thông tin",
  "Thanh tra",
  "Phòng Quản lý chuyên ngành",
];
const SURNAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Trịnh",
  "Đinh",
  "Mai",
  "Tạ",
  "Lương",
];
const MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Hoàng", "Quang", "Thanh", "Ngọc", "Hữu", "Thị Thanh", "Công", "Kim", "Xuân"];
const GIVEN = [
  "An",
  "Bình",
  "Châu",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hiếu",
  "Hoa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Ngân",
  "Phong",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vân",
  "Yến",
];

const ACTIONS = [
  "Triển khai",
  "Hoàn thành",
  "Rà soát",
  "Xây dựng",
  "Tổ chức",
  "Số hóa",
  "Cập nhật",
  "Kiểm tra",
  "Đánh giá",
  "Chuẩn hóa",
  "Tuyên truyền",
  "Kết nối",
];
const OBJECTS = [
  "hồ sơ sức khỏe điện tử cho người dân",
  "cấp phiếu lý lịch tư pháp trên VNeID",
  "thủ tục hành chính trực tuyến toàn trình",
  "cơ sở dữ liệu dân cư phục vụ giải quyết thủ tục",
  "thanh toán không dùng tiền mặt tại bãi đỗ xe",
  "ứng dụng iHanoi tiếp nhận phản ánh",
  "kho dữ liệu dùng chung của thành phố",
  "hạ tầng trạm phát sóng 5G",
  "chỉ số chuyển đổi số cấp tỉnh (DTI)",
  "xử lý tin giả trên không gian mạng",
  "trợ lý ảo cho cán bộ, công chức",
  "chữ ký số cho cán bộ, công chức",
  "định danh điện tử mức độ 2",
  "số hóa hồ sơ, kết quả giải quyết TTHC",
  "bộ phận một cửa cấp xã",
  "kế hoạch cải cách hành chính năm",
];
const DELIVERABLES = [
  "Báo cáo kết quả",
  "Kế hoạch triển khai",
  "Quyết định ban hành",
  "Biên bản nghiệm thu",
  "Danh mục cập nhật",
  "Văn bản hướng dẫn",
  "Hệ thống vận hành chính thức",
];
const NOTES = [
  "Đã hoàn thành phần việc của tháng.",
  "Đang phối hợp với các đơn vị liên quan.",
  "Đã gửi dự thảo xin ý kiến.",
  "Đã tổ chức hội nghị triển khai.",
  "Số liệu đã được cập nhật lên hệ thống.",
];
const PROGRAMS = ["CCHC", "CDS", "DA06"] as const;

// ---------------------------------------------------------------------------------------------

export interface BenchSeedSummary {
  today: string;
  units: number;
  users: number;
  tasks: number;
  byStatus: Record<string, number>;
  overdue: number;
  rows: Record<string, number>;
  seconds: number;
}

/**
 * Migrated, empty database in; the benchmark's data out. `now` fixes "today" (Asia/Ho_Chi_Minh).
 */
export async function seedBenchData(
  db: Kysely<Database>,
  size: BenchSize = FULL_SIZE,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<BenchSeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const nowDate = options.now ?? clock.now();
  const now = nowDate.toISOString();
  const today = demoToday(nowDate);
  const rng = mulberry32(20250117);

  await seedDemoData(db, { now: nowDate });
  log("demo data loaded");

  const established = new Date(nowDate.getTime() - 2 * 365 * 86_400_000).toISOString();
  const passwordHash = (
    await db.selectFrom("users").select("password_hash").where("email", "=", "admin@roviec.demo").executeTakeFirstOrThrow()
  ).password_hash;

  // ---- Units: 126 wards/communes, divisions under wards and departments, up to `size.units`.
  const existing = await db.selectFrom("units").select(["id", "code", "name", "kind", "parent_id"]).execute();
  const city = existing.find((u) => u.kind === "city")!;
  const existingNames = new Set(existing.map((u) => foldForSearch(u.name)));
  await db.transaction().execute(async (trx) => {
    const newWards: InsertObject<Database, "units">[] = [];
    const wardCount = existing.filter((u) => u.kind === "ward" || u.kind === "commune").length;
    for (const [i, name] of WARD_NAMES.entries()) {
      if (wardCount + newWards.length >= 126 || existing.length + newWards.length >= size.units) break;
      const kind = i % 3 === 2 ? "commune" : "ward";
      const full = `${kind === "ward" ? "Phường" : "Xã"} ${name}`;
      if (existingNames.has(foldForSearch(full))) continue;
      newWards.push({
        code: `BW-${String(i + 1).padStart(3, "0")}`,
        name: full,
        name_folded: foldForSearch(full),
        kind,
        parent_id: city.id,
        created_at: established,
        updated_at: established,
      });
    }
    await insertChunked(trx, "units", newWards);
  });
  {
    const all = await db.selectFrom("units").select(["id", "code", "name", "kind"]).execute();
    const taken = new Set(all.map((u) => foldForSearch(u.name)));
    const divisions: InsertObject<Database, "units">[] = [];
    let total = all.length;
    // Round-robin over the parents so the tree stays balanced whatever the target.
    const parents = all.filter((u) => u.kind === "department" || u.kind === "ward" || u.kind === "commune");
    for (let round = 0; total < size.units && round < 8; round++) {
      for (const parent of parents) {
        if (total >= size.units) break;
        const names = parent.kind === "department" ? DEPARTMENT_DIVISIONS : WARD_DIVISIONS;
        if (round >= names.length) continue;
        const name = `${names[round]} (${parent.name})`;
        if (taken.has(foldForSearch(name))) continue;
        taken.add(foldForSearch(name));
        divisions.push({
          code: `BD-${parent.id}-${round + 1}`,
          name,
          name_folded: foldForSearch(name),
          kind: "division",
          parent_id: parent.id,
          created_at: established,
          updated_at: established,
        });
        total++;
      }
    }
    await db.transaction().execute((trx) => insertChunked(trx, "units", divisions));
  }
  const units = await db.selectFrom("units").select(["id", "kind", "parent_id as parentId", "name"]).orderBy("id").execute();
  const childrenOf = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u.id]);
  log(`${units.length} units`);

  // ---- Users: a head for every unit that has none, then staff spread over the units, up to `size.users`.
  {
    const have = await db.selectFrom("users").select(["unit_id", "role"]).execute();
    const headed = new Set(have.filter((u) => u.role === "head").map((u) => u.unit_id));
    const rows: InsertObject<Database, "users">[] = [];
    let n = have.length;
    let seq = 0;
    const person = (unitId: number, role: "head" | "staff") => {
      seq++;
      const fullName = `${pick(rng, SURNAMES)} ${pick(rng, MIDDLE)} ${pick(rng, GIVEN)}`;
      const email = `bench.${seq}@roviec.bench`;
      rows.push({
        email,
        email_normalized: email,
        full_name: fullName,
        name_folded: foldForSearch(fullName),
        role,
        unit_id: unitId,
        password_hash: passwordHash,
        created_at: established,
        updated_at: established,
      });
      n++;
    };
    for (const u of units) if (u.kind !== "city" && !headed.has(u.id) && n < size.users) person(u.id, "head");
    const staffUnits = units.filter((u) => u.kind !== "city");
    for (let i = 0; n < size.users; i++) person(staffUnits[i % staffUnits.length].id, "staff");
    await db.transaction().execute((trx) => insertChunked(trx, "users", rows));
  }
  const users = await db.selectFrom("users").select(["id", "unit_id as unitId", "role"]).where("active", "=", 1).execute();
  const usersOf = new Map<number, number[]>();
  for (const u of users) usersOf.set(u.unitId, [...(usersOf.get(u.unitId) ?? []), u.id]);
  const committee = users.filter((u) => u.role === "committee" || u.role === "admin").map((u) => u.id);
  log(`${users.length} users`);

  const goals = (await db.selectFrom("goals").select("id").execute()).map((g) => g.id);
  const departments = units.filter((u) => u.kind === "department").map((u) => u.id);
  const leadUnits = units.filter((u) => u.kind !== "city" && (usersOf.get(u.id)?.length ?? 0) > 0);
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  // ---- Tasks, planned in memory, then written table by table.
  const existingTasks = Number(
    (
      await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const toMake = Math.max(0, size.tasks - existingTasks);

  interface Ev {
    at: string;
    kind: "issue" | "create_draft" | "progress" | "complete" | "cancel" | "extension_request" | "extension_approve";
    actor: number;
    progress?: number;
    note?: string;
    ext?: number; // index into the task's extensions
  }
  interface Planned {
    row: InsertObject<Database, "tasks">;
    programs: string[];
    coord: number[];
    events: Ev[];
    extensions: Array<Omit<InsertObject<Database, "task_extensions">, "task_id">>;
  }
  const byStatus: Record<string, number> = { draft: 0, not_started: 0, in_progress: 0, done: 0, cancelled: 0 };
  let overdue = 0;

  const plan = (seq: number): Planned => {
    const lead = pick(rng, leadUnits);
    const owner = pick(rng, usersOf.get(lead.id)!);
    const creator = pick(rng, committee);
    const programs = rng() < 0.8 ? [pick(rng, PROGRAMS)] : [...new Set([pick(rng, PROGRAMS), pick(rng, PROGRAMS)])].sort();
    const coordCount = rng() < 0.6 ? 0 : rng() < 0.75 ? 1 : 2;
    const coord = [...new Set(Array.from({ length: coordCount }, () => pick(rng, departments)))].filter((id) => id !== lead.id);
    const object = pick(rng, OBJECTS);
    const title = `${pick(rng, ACTIONS)} ${object} — ${unitName.get(lead.id)} (đợt ${seq})`.normalize("NFC");
    const deliverable = `${pick(rng, DELIVERABLES)} về ${object}`.normalize("NFC");
    const description = rng() < 0.5 ? `Theo chỉ đạo của Ban Chỉ đạo về ${object}.`.normalize("NFC") : null;
    const doc = rng() < 0.5 ? { number: `${int(rng, 10, 999)}/KH-UBND`, date: null as string | null, issuer: "UBND thành phố" } : null;
    const priority = pick(rng, ["low", "normal", "normal", "normal", "high", "urgent"] as const);
    const goalId = goals.length && rng() < 0.2 ? pick(rng, goals) : null;

    const r = rng();
    let status: TaskStatus;
    let deadline: string;
    let completedOn: string | null = null;
    const events: Ev[] = [];
    const extensions: Planned["extensions"] = [];
    if (r < 0.03) {
      // A draft: not all five clear yet (no deadline or no owner), never issued.
      status = "draft";
      deadline = addDays(today, int(rng, 10, 200));
      const createdDay = addDays(today, -int(rng, 1, 120));
      events.push({ at: at(createdDay, int(rng, 480, 1000)), kind: "create_draft", actor: creator });
      const row: InsertObject<Database, "tasks"> = {
        title,
        description,
        search_folded: foldForSearch([title, description ?? "", deliverable].join(" ")),
        owner_id: rng() < 0.5 ? owner : null,
        lead_unit_id: lead.id,
        start_date: null,
        deadline: null,
        original_deadline: null,
        extension_count: 0,
        deliverable,
        goal_id: goalId,
        priority,
        status,
        progress: 0,
        issued_at: null,
        completed_at: null,
        completed_on: null,
        cancelled_at: null,
        cancel_reason: null,
        last_update_at: null,
        source_doc_number: null,
        source_doc_date: null,
        source_doc_issuer: null,
        created_by: creator,
        created_at: events[0].at,
        updated_at: events[0].at,
        version: 1,
      };
      byStatus.draft++;
      return { row, programs, coord, events, extensions };
    }
    deadline = addDays(today, int(rng, -420, 240));
    const issuedDay = minStr(addDays(deadline, -int(rng, 20, 180)), addDays(today, -1));
    const issuedAt = at(issuedDay, int(rng, 480, 1000));
    events.push({ at: issuedAt, kind: "issue", actor: creator });
    let originalDeadline = deadline;
    // Some deadlines were moved by an approved extension (the original stays visible).
    if (rng() < 0.08) {
      originalDeadline = addDays(deadline, -int(rng, 15, 60));
      const requestDay = addDays(originalDeadline, -int(rng, 3, 10));
      if (requestDay > issuedDay && requestDay < today) {
        const requestAt = at(requestDay, 600);
        const decideAt = at(minStr(addDays(requestDay, 2), today), 900);
        if (decideAt > requestAt && decideAt < now) {
          extensions.push({
            requested_by: owner,
            requested_at: requestAt,
            previous_deadline: originalDeadline,
            requested_deadline: deadline,
            reason: "Chờ ý kiến thẩm định của các sở, ngành.",
            status: "approved",
            decided_by: pick(rng, committee),
            decided_at: decideAt,
            decision_note: "Đồng ý gia hạn.",
          });
          events.push(
            { at: requestAt, kind: "extension_request", actor: owner, ext: 0 },
            { at: decideAt, kind: "extension_approve", actor: extensions[0].decided_by as number, ext: 0 },
          );
        } else originalDeadline = deadline;
      } else originalDeadline = deadline;
    }
    const lastDay = minStr(today, addDays(deadline, 90));
    const between = (from: string, to: string) => {
      const a = Date.parse(from);
      const b = Date.parse(to);
      return new Date(a + Math.floor(rng() * Math.max(1, b - a))).toISOString();
    };
    if (r < 0.05) {
      status = "cancelled";
      const cancelAt = between(issuedAt, minStr(at(lastDay, 600), now));
      events.push({ at: cancelAt, kind: "cancel", actor: creator, note: "Nhiệm vụ không còn phù hợp sau khi sắp xếp đơn vị." });
    } else {
      const past = deadline < today;
      const doneShare = past ? 0.8 : 0.2;
      const late = past && rng() < 0.25;
      let finished: string | null = null;
      if (rng() < doneShare) {
        finished = late ? addDays(deadline, int(rng, 1, 60)) : addDays(deadline, -int(rng, 0, 15));
        // Completed on a day after the issue and before today, or not (yet) done.
        if (finished <= issuedDay || finished >= today) finished = null;
      }
      if (finished) {
        status = "done";
        completedOn = finished;
        const doneAt = at(completedOn, int(rng, 840, 1000));
        events.push({ at: between(issuedAt, doneAt), kind: "progress", actor: owner, progress: int(rng, 20, 80), note: pick(rng, NOTES) });
        events.push({ at: doneAt, kind: "complete", actor: owner, note: "Đã hoàn thành, gửi kèm sản phẩm." });
      } else if (rng() < 0.6) {
        status = "in_progress";
        const updates = int(rng, 1, 3);
        const progress = [...Array(updates)].map(() => int(rng, 5, 95)).sort((a, b) => a - b);
        const times = [...Array(updates)].map(() => between(issuedAt, at(addDays(today, -1), 1000))).sort();
        for (let i = 0; i < updates; i++)
          events.push({ at: times[i], kind: "progress", actor: owner, progress: progress[i], note: pick(rng, NOTES) });
      } else {
        status = "not_started";
      }
      if (status !== "done" && deadline < today) overdue++;
      // An open task sometimes waits for a decision on a new deadline.
      if (status !== "done" && deadline >= addDays(today, 1) && extensions.length === 0 && rng() < 0.03) {
        extensions.push({
          requested_by: owner,
          requested_at: at(addDays(today, -1), 1100),
          previous_deadline: deadline,
          requested_deadline: addDays(deadline, 30),
          reason: "Cần thêm thời gian phối hợp với các đơn vị.",
          status: "pending",
          decided_by: null,
          decided_at: null,
          decision_note: null,
        });
        events.push({ at: at(addDays(today, -1), 1100), kind: "extension_request", actor: owner, ext: 0 });
      }
    }
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    byStatus[status]++;
    const writes = events.filter((e) => e.kind !== "extension_request").length;
    const lastProgress = [...events].reverse().find((e) => e.kind === "progress")?.progress ?? 0;
    const last = events[events.length - 1].at;
    const lastUpdate = [...events].reverse().find((e) => e.kind === "progress" || e.kind === "complete" || e.kind === "cancel")?.at ?? null;
    const cancel = events.find((e) => e.kind === "cancel");
    const row: InsertObject<Database, "tasks"> = {
      title,
      description,
      search_folded: foldForSearch([title, description ?? "", deliverable, doc?.number ?? ""].join(" ")),
      owner_id: owner,
      lead_unit_id: lead.id,
      start_date: null,
      deadline,
      original_deadline: originalDeadline,
      extension_count: originalDeadline !== deadline ? 1 : 0,
      deliverable,
      goal_id: goalId,
      priority,
      status,
      progress: status === "done" ? 100 : lastProgress,
      issued_at: issuedAt,
      completed_at: status === "done" ? events.find((e) => e.kind === "complete")!.at : null,
      completed_on: completedOn,
      cancelled_at: cancel?.at ?? null,
      cancel_reason: cancel?.note ?? null,
      last_update_at: lastUpdate,
      source_doc_number: doc?.number ?? null,
      source_doc_date: doc ? issuedDay : null,
      source_doc_issuer: doc?.issuer ?? null,
      created_by: creator,
      created_at: issuedAt,
      updated_at: last,
      version: writes,
    };
    return { row, programs, coord, events, extensions };
  };

  const BATCH = 10_000; // planned and written in batches, so memory stays modest
  const rows: Record<string, number> = {
    tasks: 0,
    task_programs: 0,
    task_coordinating_units: 0,
    task_updates: 0,
    task_extensions: 0,
    task_states: 0,
    audit_events: 0,
  };
  for (let done = 0; done < toMake; done += BATCH) {
    const planned = Array.from({ length: Math.min(BATCH, toMake - done) }, (_, i) => plan(existingTasks + done + i + 1));
    await db.transaction().execute(async (trx) => {
      const ids = await insertReturningIds(
        trx,
        "tasks",
        planned.map((p) => p.row),
      );
      const programs: InsertObject<Database, "task_programs">[] = [];
      const coordinating: InsertObject<Database, "task_coordinating_units">[] = [];
      const extensions: InsertObject<Database, "task_extensions">[] = [];
      planned.forEach((p, i) => {
        for (const code of p.programs) programs.push({ task_id: ids[i], program_code: code });
        for (const unitId of p.coord) coordinating.push({ task_id: ids[i], unit_id: unitId });
        for (const x of p.extensions) extensions.push({ ...x, task_id: ids[i] });
      });
      await insertChunked(trx, "task_programs", programs);
      await insertChunked(trx, "task_coordinating_units", coordinating);
      const extensionIds = await insertReturningIds(trx, "task_extensions", extensions);

      const updates: InsertObject<Database, "task_updates">[] = [];
      const states: InsertObject<Database, "task_states">[] = [];
      const audit: InsertObject<Database, "audit_events">[] = [];
      let extCursor = 0;
      planned.forEach((p, i) => {
        const taskId = ids[i];
        const myExtIds = p.extensions.map(() => extensionIds[extCursor++]);
        const fixed = {
          task_id: taskId,
          lead_unit_id: p.row.lead_unit_id as number,
          owner_id: (p.row.owner_id as number | null) ?? null,
          goal_id: (p.row.goal_id as number | null) ?? null,
          programs: [...p.programs].sort().join(","),
          coordinating_unit_ids: [...p.coord].sort((a, b) => a - b).join(","),
        };
        let status: TaskStatus = p.row.status === "draft" ? "draft" : "not_started";
        let deadline = (p.row.original_deadline as string | null) ?? null;
        let extensionCount = 0;
        let completedOn: string | null = null;
        let progress = 0;
        let version = 0;
        for (const ev of p.events) {
          const before = status;
          const history = (action: string, data: Record<string, unknown>) =>
            audit.push({
              occurred_at: ev.at,
              actor_user_id: ev.actor,
              action,
              entity_type: "task",
              entity_id: String(taskId),
              data: JSON.stringify(data),
              ip: null,
            });
          switch (ev.kind) {
            case "issue":
            case "create_draft":
              version = 1;
              history(ev.kind === "issue" ? "task.issue" : "task.create_draft", {
                version,
                changes: {
                  title: { before: null, after: p.row.title },
                  ownerId: { before: null, after: p.row.owner_id ?? null },
                  leadUnitId: { before: null, after: p.row.lead_unit_id },
                  deadline: { before: null, after: deadline },
                  deliverable: { before: null, after: p.row.deliverable },
                  programs: { before: null, after: p.programs },
                  coordinatingUnitIds: { before: null, after: p.coord },
                  status: { before: null, after: status },
                },
              });
              break;
            case "progress":
              status = "in_progress";
              updates.push({
                task_id: taskId,
                author_id: ev.actor,
                kind: "progress",
                progress: ev.progress!,
                note: ev.note!,
                created_at: ev.at,
              });
              history("task.progress", {
                version: ++version,
                changes: {
                  progress: { before: progress, after: ev.progress },
                  ...(before !== status ? { status: { before, after: status } } : {}),
                },
                note: ev.note,
              });
              progress = ev.progress!;
              break;
            case "complete":
              status = "done";
              completedOn = p.row.completed_on as string;
              updates.push({ task_id: taskId, author_id: ev.actor, kind: "done", progress: 100, note: ev.note!, created_at: ev.at });
              history("task.complete", {
                version: ++version,
                changes: { progress: { before: progress, after: 100 }, status: { before, after: status } },
                note: ev.note,
              });
              progress = 100;
              break;
            case "cancel":
              status = "cancelled";
              updates.push({ task_id: taskId, author_id: ev.actor, kind: "cancel", progress, note: ev.note!, created_at: ev.at });
              history("task.cancel", { version: ++version, changes: { status: { before, after: status } }, reason: ev.note });
              break;
            case "extension_request": {
              const x = p.extensions[ev.ext!];
              history("task.extension_request", {
                extensionId: myExtIds[ev.ext!],
                deadline: { current: x.previous_deadline, requested: x.requested_deadline },
                reason: x.reason,
              });
              continue; // leaves the task alone: no state row
            }
            case "extension_approve": {
              const x = p.extensions[ev.ext!];
              history("task.extension_approve", {
                version: ++version,
                extensionId: myExtIds[ev.ext!],
                changes: {
                  deadline: { before: x.previous_deadline, after: x.requested_deadline },
                  extensionCount: { before: extensionCount, after: extensionCount + 1 },
                },
                note: x.decision_note,
              });
              deadline = x.requested_deadline as string;
              extensionCount++;
              break;
            }
          }
          states.push({ ...fixed, valid_from: ev.at, status, deadline, completed_on: completedOn, extension_count: extensionCount });
        }
        if (status !== p.row.status || deadline !== (p.row.deadline ?? null) || version !== p.row.version) {
          throw new Error(`bench seed: the history of task ${taskId} does not end in the task as written`);
        }
      });
      await insertChunked(trx, "task_updates", updates);
      await insertChunked(trx, "task_states", states);
      await insertChunked(trx, "audit_events", audit);
      rows.tasks += ids.length;
      rows.task_programs += programs.length;
      rows.task_coordinating_units += coordinating.length;
      rows.task_extensions += extensions.length;
      rows.task_updates += updates.length;
      rows.task_states += states.length;
      rows.audit_events += audit.length;
    });
    log(`${existingTasks + Math.min(done + BATCH, toMake)} tasks`);
  }
  // Every task just changed: no rollup cache may answer from before.
  await sql`insert into meta (key, value) values ('rollup_version', '1')
    on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`.execute(db);
  await db.insertInto("meta").values({ key: "bench_seeded_at", value: now }).execute();

  const count = async (table: "units" | "users" | "tasks") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    today,
    units: await count("units"),
    users: await count("users"),
    tasks: await count("tasks"),
    byStatus,
    overdue,
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}
