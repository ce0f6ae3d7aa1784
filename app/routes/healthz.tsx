import { sql } from "kysely";
import { db } from "~/db.server";

/** Liveness for operators and load balancers: the database answers. No data, no session. */
export async function loader() {
  await sql`select 1`.execute(db());
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
