/** Vietnamese strings for the task lists, "my tasks", unit pages and goals (merged in index.ts). */
export const viLists = {
};
