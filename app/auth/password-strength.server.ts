/**
 * Is a new password too easy to guess? zxcvbn-ts (score 0–4) with the common-password and English
 * dictionaries, a few Vietnamese and app words, and the user's own name and e-mail; score 3 or more
 * passes. Only when a password is SET (the sign-in never applies it).
 *
 * Server-only: the dictionaries (~1.5 MB) are imported lazily on the first check and kept, and never
 * reach the browser bundle. A check takes ~5–100 ms of CPU; it runs only for a signed-in user who has
 * just given the right current password (worst case ~0.5 s, see the options below).
 */
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import type { MessageKey } from "~/i18n";

export const MIN_PASSWORD_SCORE = 3;

/** Words people here put in passwords (unaccented, lower case: zxcvbn lower-cases before matching). */
const LOCAL_WORDS = [
  "roviec",
  "ro viec",
  "rõ việc",
  "matkhau",
  "mat khau",
  "matkhaumoi",
  "pass",
  "hanoi",
  "ha noi",
  "hà nội",
  "vietnam",
  "viet nam",
  "saigon",
  "hochiminh",
  "bancd",
  "banchidao",
  "chidao",
  "dean06",
  "de an 06",
  "cchc",
  "caicachhanhchinh",
  "chuyendoiso",
  "ubnd",
  "sonoivu",
  "anhyeuem",
  "emyeuanh",
  "yeuem",
  "iloveyou",
  "nguyen",
  "tran",
  "pham",
  "hoang",
  "huynh",
  "phan",
  "dang",
  "bui",
  "ngo",
  "duong",
  "123456",
  "12345678",
  "123456789",
  "admin",
  "quantri",
  "demo",
];

let factory: Promise<ZxcvbnFactory> | undefined;

function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, "vi-local": LOCAL_WORDS },
      graphs: common.adjacencyGraphs,
      // Measured on 2 shared cores: the defaults cost up to 5 s of CPU on a 256-character repetition
      // ("ab1!" × 64) and the Levenshtein option 10 s on "12345678910". The first 64 characters and 8 l33t
      // substitutions keep the worst case under ~0.5 s; a longer password is judged by its first 64.
      maxLength: 64,
      l33tMaxSubstitutions: 8,
    });
  })();
  return factory;
}

/** zxcvbn's warning keys (its default, untranslated feedback) → our dictionary keys. */
const WARNING_KEYS: Record<string, MessageKey> = {
  simpleRepeat: "error.passwordWeak.repeat",
  extendedRepeat: "error.passwordWeak.repeat",
  sequences: "error.passwordWeak.sequence",
  straightRow: "error.passwordWeak.keyboard",
  keyPattern: "error.passwordWeak.keyboard",
  topTen: "error.passwordWeak.common",
  topHundred: "error.passwordWeak.common",
  common: "error.passwordWeak.common",
  similarToCommon: "error.passwordWeak.common",
  pwned: "error.passwordWeak.common",
  wordByItself: "error.passwordWeak.words",
  namesByThemselves: "error.passwordWeak.words",
  commonNames: "error.passwordWeak.words",
  dates: "error.passwordWeak.dates",
  recentYears: "error.passwordWeak.dates",
  userInputs: "error.passwordWeak.personal",
};

/** Why the result is weak, as one of our keys: zxcvbn's warning, else what the weakest parts are. */
function reason(result: ZxcvbnResult): MessageKey {
  const byWarning = result.feedback.warning ? WARNING_KEYS[result.feedback.warning] : undefined;
  if (byWarning) return byWarning;
  const names = new Set(result.sequence.map((m) => ("dictionaryName" in m ? String(m.dictionaryName) : "")));
  if (names.has("userInputs")) return "error.passwordWeak.personal";
  if (names.has("vi-local") || names.has("passwords")) return "error.passwordWeak.common";
  const patterns = new Set(result.sequence.map((m) => m.pattern));
  if (patterns.has("repeat")) return "error.passwordWeak.repeat";
  if (patterns.has("sequence")) return "error.passwordWeak.sequence";
  if (patterns.has("spatial")) return "error.passwordWeak.keyboard";
  return "error.passwordWeak.general";
}

/** The app's own words, given as user inputs too (so "roviec2026!" counts as personal, not random). */
export const APP_WORDS = ["roviec", "rõ việc", "ro viec", "hanoi", "hà nội", "ha noi", "banchidao", "ban chỉ đạo"];

/** Words about this user that must not make up their password (name, e-mail and its parts). */
export function personalWords(user: { email: string; fullName: string }): string[] {
  const email = user.email.trim().toLowerCase();
  const [local = "", domain = ""] = email.split("@");
  const name = user.fullName.normalize("NFC").trim().toLowerCase();
  const unaccented = name.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
  return [
    email,
    local,
    domain,
    ...local.split(/[._+-]+/),
    ...domain.split("."),
    name,
    unaccented,
    unaccented.replace(/\s+/g, ""),
    ...unaccented.split(/\s+/),
  ].filter((w) => w.length >= 2);
}

/**
 * null when `password` is strong enough, else the dictionary key saying why not. `userInputs`: the
 * user's own words (see `personalWords`).
 */
export async function passwordWeakness(password: string, userInputs: readonly string[]): Promise<MessageKey | null> {
  const zxcvbn = await loadFactory();
  const result = zxcvbn.check(password.normalize("NFC"), [...userInputs]);
  return result.score >= MIN_PASSWORD_SCORE ? null : reason(result);
}
