import { describe, expect, it } from "vitest";
import { containsPattern, foldForSearch, normalizeEmail, toNfc } from "./text";

describe("foldForSearch", () => {
  it("ignores Vietnamese diacritics and case", () => {
    expect(foldForSearch("Hồ sơ sức khỏe điện tử")).toBe("ho so suc khoe dien tu");
    expect(foldForSearch("HÀ NỘI")).toBe(foldForSearch("ha noi"));
  });
  it("folds đ and Đ to d", () => {
    expect(foldForSearch("Đề án 06")).toBe("de an 06");
    expect(foldForSearch("Phường Đống Đa")).toBe("phuong dong da");
  });
  it("treats NFD and NFC input alike", () => {
    expect(foldForSearch("Ha\u0300 No\u0323\u0302i")).toBe("ha noi");
  });
  it("collapses whitespace", () => {
    expect(foldForSearch("  Sở   Y  tế ")).toBe("so y te");
  });
});

describe("toNfc", () => {
  it("stores decomposed text composed", () => {
    const nfd = "Nguye\u0302\u0303n";
    expect(nfd).not.toBe("Nguyễn");
    expect(toNfc(nfd)).toBe("Nguyễn");
  });
});

describe("containsPattern", () => {
  it("escapes LIKE wildcards so a search for 100% is literal", () => {
    expect(containsPattern("100%_x")).toBe("%100\\%\\_x%");
  });
});

describe("normalizeEmail", () => {
  it("is case-insensitive", () => {
    expect(normalizeEmail(" An.Nguyen@HaNoi.gov.vn ")).toBe("an.nguyen@hanoi.gov.vn");
  });
});
