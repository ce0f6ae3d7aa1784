/**
 * Who a request turned out to be, for what happens after its answer is computed. The HTTP server runs
 * each request inside a scope (scripts/server.ts, through the build's entry module); `getUser` and
 * `requireApiUser` note the user there, so a refusal (401/403) can be counted against that user
 * without every place that refuses knowing about counting.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  /** The signed-in user (session or API token), once known. */
  actorUserId: number | null;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Outside a scope (scripts, tests calling models) this does nothing. */
export function noteRequestActor(userId: number): void {
  const scope = storage.getStore();
  if (scope) scope.actorUserId = userId;
}
