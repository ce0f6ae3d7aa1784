import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCheckViolation, isForeignKeyViolation, isUniqueViolation } from "../../app/models/db-errors.server";
import { createDb } from "../../db/connect";
import { startApp, type TestApp } from "../support/app";
import { onPostgres } from "../support/pg";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

describe("connection settings", () => {
  it.skipIf(onPostgres)(
    "SQLite: every connection runs WAL, synchronous=FULL, foreign keys on, and a busy timeout (PRAGMAs exist only on SQLite)",
    async () => {
      const { sqlite, db } = createDb(app.dbFile);
      if (!sqlite) throw new Error("expected a SQLite database");
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
      expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
      await db.destroy();
    },
  );

  it("refuses a user in a unit that does not exist (foreign keys are enforced)", async () => {
    await expect(
      app.db
        .insertInto("users")
        .values({
          email: "x@y.vn",
          email_normalized: "x@y.vn",
          full_name: "X",
          name_folded: "x",
          role: "staff",
          unit_id: 999999,
          password_hash: "x",
          created_at: "",
          updated_at: "",
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  it("constraint violations are recognised by kind on either database", async () => {
    const row = {
      email: "x@y.vn",
      email_normalized: "x@y.vn",
      full_name: "X",
      name_folded: "x",
      role: "staff" as const,
      unit_id: 999999,
      password_hash: "x",
      created_at: "",
      updated_at: "",
    };
    const caught = async (run: () => Promise<unknown>) =>
      run().then(
        () => undefined,
        (error: unknown) => error,
      );
    const fk = await caught(() => app.db.insertInto("users").values(row).execute());
    expect(isForeignKeyViolation(fk) && !isUniqueViolation(fk) && !isCheckViolation(fk)).toBe(true);
    const unit = await app.db.selectFrom("units").select("id").orderBy("id").executeTakeFirstOrThrow();
    const dup = await caught(() =>
      app.db
        .insertInto("users")
        .values({ ...row, unit_id: unit.id, email_normalized: "admin@roviec.demo" })
        .execute(),
    );
    expect(isUniqueViolation(dup) && !isForeignKeyViolation(dup)).toBe(true);
    const check = await caught(() =>
      app.db
        .insertInto("users")
        .values({ ...row, unit_id: unit.id, language: "fr" as "vi" })
        .execute(),
    );
    expect(isCheckViolation(check) && !isUniqueViolation(check)).toBe(true);
  });

  it("counts, sums and averages come back as numbers on either database", async () => {
    const row = await app.db
      .selectFrom("tasks")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.sum("progress").as("total"),
        eb.fn.avg("progress").as("mean"),
        eb.fn.max("id").as("last"),
      ])
      .executeTakeFirstOrThrow();
    for (const value of Object.values(row)) expect(typeof value).toBe("number");
  });
});

describe("audit log", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const before = await app.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await expect(sql`update audit_events set action = 'x'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(app.db)).rejects.toThrow(/append-only/);
    const after = await app.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("reference data", () => {
  it("the migrations insert the four roles and the three programs", async () => {
    expect((await app.db.selectFrom("roles").select("code").orderBy("rank").execute()).map((r) => r.code)).toEqual([
      "admin",
      "committee",
      "head",
      "staff",
    ]);
    expect((await app.db.selectFrom("programs").select("code").orderBy("rank").execute()).map((r) => r.code)).toEqual([
      "CCHC",
      "CDS",
      "DA06",
    ]);
  });
});
