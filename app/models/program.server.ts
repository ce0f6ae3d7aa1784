/** The programs (CCHC, CĐS, ĐA06): reference data made by the migrations, read-only here. */
import type { Db } from "~/db.server";

export async function listPrograms(db: Db) {
  return db.selectFrom("programs").select(["code", "name_vi as nameVi", "name_en as nameEn"]).orderBy("rank").execute();
}
