import type { Migration } from "kysely";
import * as createFoundation from "./2026_11_28_0800_create_foundation";
import * as createGoalsAndTasks from "./2026_11_28_0900_create_goals_and_tasks";
import * as createTaskStates from "./2026_11_28_1000_create_task_states";
import * as createImportBatches from "./2026_11_28_1100_create_import_batches";
import * as createNotifications from "./2026_11_28_1200_create_notifications";
import * as onePendingExtension from "./2026_11_28_1400_one_pending_extension";
import * as addTaskListIndexes from "./2026_11_28_1500_add_task_list_indexes";
import * as addTokenExpiryAndAccessDenials from "./2026_12_07_2230_add_token_expiry_and_access_denials";
import * as addLoginAttemptPurpose from "./2026_12_07_2240_add_login_attempt_purpose";

/**
 * Every migration, by name. A static list (rather than reading the folder) works the same under
 * tsx, Vitest and a bundle. Names sort by date; a landed migration is never edited.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_28_0800_create_foundation": createFoundation,
  "2026_11_28_0900_create_goals_and_tasks": createGoalsAndTasks,
  "2026_11_28_1000_create_task_states": createTaskStates,
  "2026_11_28_1100_create_import_batches": createImportBatches,
  "2026_11_28_1200_create_notifications": createNotifications,
  "2026_11_28_1400_one_pending_extension": onePendingExtension,
  "2026_11_28_1500_add_task_list_indexes": addTaskListIndexes,
  "2026_12_07_2230_add_token_expiry_and_access_denials": addTokenExpiryAndAccessDenials,
  "2026_12_07_2240_add_login_attempt_purpose": addLoginAttemptPurpose,
};
