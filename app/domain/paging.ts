/**
 * Paged lists whose page number lives in the URL. Pure: the caller passes the function that fetches one page.
 */
import { z } from "zod";

/** `?page=` as a list reads it: a bad value is page 1 rather than an error. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/**
 * The asked-for page, or the last one when the page is past the end (an old link after rows were
 * filtered out or removed), so the list never shows "nothing" while there is something.
 */
export async function pageOrLast<T>(
  page: number,
  pageSize: number,
  fetchPage: (offset: number) => Promise<{ total: number; items: T[] }>,
): Promise<{ total: number; items: T[]; offset: number }> {
  const offset = (page - 1) * pageSize;
  const first = await fetchPage(offset);
  if (first.items.length > 0 || first.total === 0) return { ...first, offset };
  const lastOffset = Math.floor((first.total - 1) / pageSize) * pageSize;
  return { ...(await fetchPage(lastOffset)), offset: lastOffset };
}
