import type { viLists } from "./vi-lists";

export const enLists: Record<keyof typeof viLists, string> = {
};
