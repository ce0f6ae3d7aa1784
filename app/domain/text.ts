/** Text rules shared by every write and every search. Pure: no db, no Remix. */

/** Stored form of any user text: Unicode NFC, trimmed. NFD input ("Hà" typed as a + combining grave) becomes NFC. */
export function toNfc(value: string): string {
  return value.normalize("NFC").trim();
}

/**
 * The search key for Vietnamese text: no diacritics, no case, đ → d, runs of spaces collapsed.
 * "Hồ sơ sức khỏe" and "ho so suc khoe" fold to the same string.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A LIKE pattern that matches `text` anywhere, as is, with LIKE's own wildcards escaped. NUL can
 * arrive in a URL but is in no stored text (writes refuse control characters, and PostgreSQL text
 * cannot even hold it): it is dropped, so such a search finds what it would without it, never fails.
 */
export function likeContains(text: string): string {
  return `%${text.replace(/\u0000/g, "").replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** A LIKE pattern that matches the folded query anywhere, with LIKE's own wildcards escaped. */
export function containsPattern(query: string): string {
  return likeContains(foldForSearch(query));
}

/** E-mail addresses are unique regardless of case. */
export function normalizeEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}
