/** Unit kinds, in tree order. Shared by the browser (pickers) and the server (validation). */
export const UNIT_KINDS = ["city", "department", "ward", "commune", "division"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
