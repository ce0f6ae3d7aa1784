/**
 * A synthetic city for the reminder benchmark and the scale tests: ~220 units (departments, wards,
 * divisions), a head for most of them, ten staff each, the committee, and `tasks` open tasks with
 * deadlines up to 200 days either side of `date` (a share of them overdue). Written with raw prepared statements (fast).
 */
import type SQLite from "better-sqlite3";
import * as clock from "../../app/clock.server";
import { addDays } from "../../app/domain/dates";

export interface FixtureOptions {
  tasks: number;
  date: string;
  /** Share of the open tasks already overdue (deadline up to 200 days back); the rest fall due within 200 days. */
  overdueShare?: number;
  /** Deterministic pseudo-random seed. */
  seed?: number;
}

export function buildReminderFixture(sqlite: SQLite.Database, options: FixtureOptions) {
  let state = options.seed ?? 42;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const now = clock.nowIso();
  const hash = "$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC1oYXNo$bm90LWEtcmVhbC1oYXNoLW5vdC1hLXJlYWwtaGFzaA";

  const insertUnit = sqlite.prepare(
    "insert into units (code, name, name_folded, kind, parent_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertUser = sqlite.prepare(
    "insert into users (email, email_normalized, full_name, name_folded, role, unit_id, active, language, password_hash, created_at, updated_at, email_enabled) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertTask = sqlite.prepare(
    "insert into tasks (title, search_folded, owner_id, lead_unit_id, deadline, original_deadline, deliverable, status, issued_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );

  const units: Array<{ id: number; staff: number[] }> = [];
  let userNo = 0;
  const addUser = (role: string, unitId: number, active = 1) => {
    userNo++;
    const email = `bench${userNo}@bench.roviec`;
    return Number(
      insertUser.run(
        email,
        email,
        `Cán bộ ${userNo}`,
        `can bo ${userNo}`,
        role,
        unitId,
        active,
        rand() < 0.1 ? "en" : "vi",
        hash,
        now,
        now,
        rand() < 0.05 ? 0 : 1,
      ).lastInsertRowid,
    );
  };

  sqlite.transaction(() => {
    const city = Number(insertUnit.run("BENCH-CITY", "Thành phố (bench)", "thanh pho bench", "city", null, now, now).lastInsertRowid);
    for (let i = 0; i < 8; i++) addUser("committee", city);
    for (let i = 0; i < 2; i++) addUser("admin", city);
    const addUnit = (code: string, name: string, kind: string, parent: number, withHead: boolean) => {
      const id = Number(insertUnit.run(code, name, name.toLowerCase(), kind, parent, now, now).lastInsertRowid);
      if (withHead) addUser("head", id);
      const staff: number[] = [];
      for (let s = 0; s < 10; s++) staff.push(addUser("staff", id, rand() < 0.01 ? 0 : 1));
      units.push({ id, staff });
      return id;
    };
    for (let d = 0; d < 30; d++) {
      const dept = addUnit(`BENCH-D${d}`, `Sở ${d}`, "department", city, true);
      // Divisions without a head of their own: their tasks go to the department's head.
      for (let v = 0; v < 2; v++) addUnit(`BENCH-D${d}-${v}`, `Phòng ${v} (Sở ${d})`, "division", dept, v === 0);
    }
    for (let w = 0; w < 126; w++) addUnit(`BENCH-W${w}`, `Phường ${w}`, w % 5 === 0 ? "commune" : "ward", city, true);
  })();

  sqlite.transaction(() => {
    for (let i = 0; i < options.tasks; i++) {
      const unit = pick(units);
      const overdue = rand() < (options.overdueShare ?? 0.2);
      const deadline = addDays(options.date, overdue ? -1 - Math.floor(rand() * 200) : Math.floor(rand() * 201));
      const title = `Nhiệm vụ số ${i + 1}: số hóa hồ sơ thủ tục hành chính`;
      insertTask.run(
        title,
        title.toLowerCase(),
        pick(unit.staff),
        unit.id,
        deadline,
        deadline,
        "Báo cáo kết quả",
        rand() < 0.5 ? "in_progress" : "not_started",
        now,
        now,
        now,
      );
    }
  })();
  return { units: units.length, users: userNo };
}
