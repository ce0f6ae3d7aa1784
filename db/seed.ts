/**
 * Demo data only: a Hà Nội-like committee with departments, wards and communes, their divisions, and
 * users in every role. Reference data (roles, programs) lives in the migrations.
 * Refuses to run over existing data unless `reset` is set.
 */
import { hash } from "@node-rs/argon2";
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

export const DEMO_PASSWORD = "roviec-demo-2026";

type Kind = "city" | "department" | "ward" | "commune" | "division";
interface UnitSeed {
  code: string;
  name: string;
  kind: Kind;
  parent?: string;
}

const DEPARTMENTS: Array<[string, string]> = [
  ["VP-UBND", "Văn phòng UBND thành phố"],
  ["CA-TP", "Công an thành phố"],
  ["SKHCN", "Sở Khoa học và Công nghệ"],
  ["SNV", "Sở Nội vụ"],
  ["SYT", "Sở Y tế"],
  ["STP", "Sở Tư pháp"],
  ["STC", "Sở Tài chính"],
  ["TTPVHCC", "Trung tâm Phục vụ hành chính công"],
  ["SGDDT", "Sở Giáo dục và Đào tạo"],
  ["SXD", "Sở Xây dựng"],
  ["SNNMT", "Sở Nông nghiệp và Môi trường"],
  ["SCT", "Sở Công Thương"],
  ["SVHTT", "Sở Văn hóa và Thể thao"],
  ["SDL", "Sở Du lịch"],
  ["SQHKT", "Sở Quy hoạch - Kiến trúc"],
  ["SDTG", "Sở Dân tộc và Tôn giáo"],
  ["TTRA", "Thanh tra thành phố"],
  ["BHXH", "Bảo hiểm xã hội thành phố"],
  ["CTHUE", "Thuế thành phố"],
  ["BQL-KCN", "Ban Quản lý các khu công nghiệp và chế xuất"],
];

const WARDS: Array<[string, string, "ward" | "commune"]> = [
  ["P-HOANKIEM", "Phường Hoàn Kiếm", "ward"],
  ["P-BADINH", "Phường Ba Đình", "ward"],
  ["P-DONGDA", "Phường Đống Đa", "ward"],
  ["P-CAUGIAY", "Phường Cầu Giấy", "ward"],
  ["P-HADONG", "Phường Hà Đông", "ward"],
  ["P-LONGBIEN", "Phường Long Biên", "ward"],
  ["P-TAYHO", "Phường Tây Hồ", "ward"],
  ["X-SOCSON", "Xã Sóc Sơn", "commune"],
  ["X-BATTRANG", "Xã Bát Tràng", "commune"],
  ["X-THACHTHAT", "Xã Thạch Thất", "commune"],
];

function units(): UnitSeed[] {
  const list: UnitSeed[] = [{ code: "HN", name: "Thành phố Hà Nội", kind: "city" }];
  for (const [code, name] of DEPARTMENTS) list.push({ code, name, kind: "department", parent: "HN" });
  for (const [code, name, kind] of WARDS) list.push({ code, name, kind, parent: "HN" });
  // Divisions where the demo needs "unit and the units below it".
  list.push(
    { code: "VP-UBND-KSTTHC", name: "Phòng Kiểm soát thủ tục hành chính", kind: "division", parent: "VP-UBND" },
    { code: "CA-TP-PC06", name: "Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06)", kind: "division", parent: "CA-TP" },
    { code: "SKHCN-CDS", name: "Phòng Chuyển đổi số", kind: "division", parent: "SKHCN" },
    { code: "SKHCN-TTDL", name: "Trung tâm Dữ liệu chính thành phố", kind: "division", parent: "SKHCN" },
    { code: "SYT-NVY", name: "Phòng Nghiệp vụ Y", kind: "division", parent: "SYT" },
    { code: "STP-HCTP", name: "Phòng Hành chính tư pháp", kind: "division", parent: "STP" },
    { code: "SNV-CCHC", name: "Phòng Cải cách hành chính", kind: "division", parent: "SNV" },
  );
  for (const [code, name] of WARDS) {
    list.push({ code: `${code}-VHXH`, name: `Phòng Văn hóa - Xã hội (${name})`, kind: "division", parent: code });
    list.push({ code: `${code}-KT`, name: `Phòng Kinh tế (${name})`, kind: "division", parent: code });
  }
  return list;
}

export interface DemoUser {
  email: string;
  fullName: string;
  role: "admin" | "committee" | "head" | "staff";
  unit: string;
  language?: "vi" | "en";
}

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@roviec.demo", fullName: "Nguyễn Thị Thu Hà", role: "admin", unit: "VP-UBND" },
  { email: "thuky@roviec.demo", fullName: "Phạm Quang Minh", role: "admin", unit: "VP-UBND-KSTTHC" },
  { email: "bcd.pho@roviec.demo", fullName: "Hà Minh Hải", role: "committee", unit: "HN" },
  { email: "bcd.thanhvien@roviec.demo", fullName: "Trần Đức Long", role: "committee", unit: "HN" },
  { email: "gd.skhcn@roviec.demo", fullName: "Lê Văn Cường", role: "head", unit: "SKHCN" },
  { email: "gd.syt@roviec.demo", fullName: "Đỗ Thị Lan Anh", role: "head", unit: "SYT" },
  { email: "gd.stp@roviec.demo", fullName: "Vũ Hoàng Nam", role: "head", unit: "STP" },
  { email: "gd.snv@roviec.demo", fullName: "Bùi Thị Hồng Nhung", role: "head", unit: "SNV" },
  { email: "pgd.ca@roviec.demo", fullName: "Đặng Quốc Tuấn", role: "head", unit: "CA-TP" },
  { email: "gd.ttpvhcc@roviec.demo", fullName: "Ngô Thị Phương", role: "head", unit: "TTPVHCC" },
  { email: "ct.hoankiem@roviec.demo", fullName: "Hoàng Thị Mai", role: "head", unit: "P-HOANKIEM" },
  { email: "ct.badinh@roviec.demo", fullName: "Phan Văn Dũng", role: "head", unit: "P-BADINH" },
  { email: "ct.dongda@roviec.demo", fullName: "Trịnh Thị Ngọc", role: "head", unit: "P-DONGDA" },
  { email: "ct.caugiay@roviec.demo", fullName: "Lý Minh Khôi", role: "head", unit: "P-CAUGIAY" },
  { email: "ct.socson@roviec.demo", fullName: "Nguyễn Văn Thắng", role: "head", unit: "X-SOCSON" },
  { email: "tp.cds@roviec.demo", fullName: "Trương Thị Yến", role: "head", unit: "SKHCN-CDS" },
  { email: "cv.cds@roviec.demo", fullName: "Đinh Công Sơn", role: "staff", unit: "SKHCN-CDS", language: "en" },
  { email: "cv.ttdl@roviec.demo", fullName: "Mai Thị Hương", role: "staff", unit: "SKHCN-TTDL" },
  { email: "cv.syt@roviec.demo", fullName: "Lương Văn Hiếu", role: "staff", unit: "SYT-NVY" },
  { email: "cv.stp@roviec.demo", fullName: "Tạ Thị Thanh Xuân", role: "staff", unit: "STP-HCTP" },
  { email: "cv.pc06@roviec.demo", fullName: "Kiều Văn Phúc", role: "staff", unit: "CA-TP-PC06" },
  { email: "cv.snv@roviec.demo", fullName: "Hồ Thị Kim Oanh", role: "staff", unit: "SNV-CCHC" },
  { email: "cv.hoankiem@roviec.demo", fullName: "Chu Văn An", role: "staff", unit: "P-HOANKIEM-VHXH" },
  { email: "cv.badinh@roviec.demo", fullName: "Dương Thị Thảo", role: "staff", unit: "P-BADINH-VHXH" },
  { email: "cv.dongda@roviec.demo", fullName: "Quách Minh Tâm", role: "staff", unit: "P-DONGDA-KT" },
  { email: "cv.ttpvhcc@roviec.demo", fullName: "Lã Thị Bích", role: "staff", unit: "TTPVHCC" },
];

/** Folding identical to app/domain/text.ts (kept here so the seed imports no app code). */
function fold(value: string) {
  return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
}

export class SeedRefusedError extends Error {}

export async function isDatabaseEmpty(db: Kysely<Database>) {
  const row = await db.selectFrom("units").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

async function clearData(db: Kysely<Database>) {
  // audit_events is append-only by trigger; a reset recreates the demo, so the triggers are bypassed explicitly.
  await db.transaction().execute(async (trx) => {
    for (const t of ["sessions", "login_attempts"] as const) await trx.deleteFrom(t).execute();
    await sql`drop trigger if exists audit_events_no_delete`.execute(trx);
    await trx.deleteFrom("audit_events").execute();
    await trx.deleteFrom("users").execute();
    await trx.updateTable("units").set({ parent_id: null }).execute();
    await trx.deleteFrom("units").execute();
    await trx.deleteFrom("meta").where("key", "=", "demo_seeded_at").execute();
  });
  // Put the guard back exactly as the migration made it.
  await sql.raw(`create trigger audit_events_no_delete before delete on audit_events begin select raise(abort, 'audit_events is append-only'); end;`).execute(db);
}

export async function seedDemoData(db: Kysely<Database>, options: { reset?: boolean; now?: Date } = {}) {
  if (!(await isDatabaseEmpty(db))) {
    if (!options.reset) throw new SeedRefusedError("The database already has data. Run with --reset to replace it with the demo data.");
    await clearData(db);
  }
  const now = (options.now ?? new Date()).toISOString();
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });

  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (const u of units()) {
      const name = u.name.normalize("NFC");
      const row = await trx
        .insertInto("units")
        .values({
          code: u.code,
          name,
          name_folded: fold(name),
          kind: u.kind,
          parent_id: u.parent ? ids.get(u.parent)! : null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(u.code, row.id);
    }
    for (const u of DEMO_USERS) {
      const fullName = u.fullName.normalize("NFC");
      await trx
        .insertInto("users")
        .values({
          email: u.email,
          email_normalized: u.email.toLowerCase(),
          full_name: fullName,
          name_folded: fold(fullName),
          role: u.role,
          unit_id: ids.get(u.unit)!,
          language: u.language ?? "vi",
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await trx.insertInto("audit_events").values({ occurred_at: now, actor_user_id: null, action: "system.seed_demo", entity_type: "system", entity_id: null, data: JSON.stringify({ units: ids.size, users: DEMO_USERS.length }), ip: null }).execute();
    await trx.insertInto("meta").values({ key: "demo_seeded_at", value: now }).execute();
  });
}

export async function isDemoSeeded(db: Kysely<Database>) {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirst();
  return Boolean(row);
}

export function demoSignInTable(): string {
  const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.fullName}`);
  return [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...lines].join("\n");
}
