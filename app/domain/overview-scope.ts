/** The overview's scopes (whose figures it shows); shared by the page's URL schema, which also runs in the browser. */
export const OVERVIEW_SCOPES = ["city", "unit", "me"] as const;
export type OverviewScope = (typeof OVERVIEW_SCOPES)[number];
