import { describe, expect, it } from "vitest";
import { pageOrLast, pageParam } from "./paging";

/** A list of `total` numbers, fetched a page at a time; records which offsets were asked for. */
function list(total: number) {
  const asked: number[] = [];
  const fetchPage = async (offset: number) => {
    asked.push(offset);
    return { total, items: Array.from({ length: Math.max(0, Math.min(10, total - offset)) }, (_, i) => offset + i) };
  };
  return { asked, fetchPage };
}

describe("pageOrLast (10 per page)", () => {
  it.each<[string, number, number, number, number[]]>([
    ["the first page", 25, 1, 0, [0]],
    ["a middle page", 25, 2, 10, [10]],
    ["the last, partial page", 25, 3, 20, [20]],
    ["a page past the end falls back to the last", 25, 9, 20, [80, 20]],
    ["past the end of an exact multiple", 20, 5, 10, [40, 10]],
    ["an empty list stays on the page asked for", 0, 3, 20, [20]],
  ])("%s", async (_label, total, page, offset, asked) => {
    const source = list(total);
    const result = await pageOrLast(page, 10, source.fetchPage);
    expect(result.offset).toBe(offset);
    expect(result.total).toBe(total);
    expect(source.asked).toEqual(asked);
  });
});

describe("pageParam", () => {
  it.each<[unknown, number]>([
    ["2", 2],
    ["0", 1],
    ["-3", 1],
    ["abc", 1],
    ["1.5", 1],
    ["100001", 1],
    [undefined, 1],
  ])("%s → %i", (raw, expected) => {
    expect(pageParam.parse(raw)).toBe(expected);
  });
});
