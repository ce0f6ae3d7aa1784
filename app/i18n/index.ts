import { en } from "./en";
import { enApi } from "./en-api";
import { enAssistant } from "./en-assistant";
import { enDashboard } from "./en-dashboard";
import { enExcel } from "./en-excel";
import { enLists } from "./en-lists";
import { enMail } from "./en-mail";
import { enNotifications } from "./en-notifications";
import { enReports } from "./en-reports";
import { enTasks } from "./en-tasks";
import { vi, type MessageKey as CoreKey } from "./vi";
import { viApi } from "./vi-api";
import { viAssistant } from "./vi-assistant";
import { viDashboard } from "./vi-dashboard";
import { viExcel } from "./vi-excel";
import { viLists } from "./vi-lists";
import { viMail } from "./vi-mail";
import { viNotifications } from "./vi-notifications";
import { viReports } from "./vi-reports";
import { viTasks } from "./vi-tasks";

/** Every dictionary key. The dictionary is split by area (core, tasks, …); each language has every key. */
export type MessageKey =
  | CoreKey
  | keyof typeof viTasks
  | keyof typeof viLists
  | keyof typeof viApi
  | keyof typeof viExcel
  | keyof typeof viReports
  | keyof typeof viAssistant
  | keyof typeof viDashboard
  | keyof typeof viMail
  | keyof typeof viNotifications;
export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const dictionaries: Record<Language, Record<MessageKey, string>> = {
  vi: { ...vi, ...viTasks, ...viLists, ...viApi, ...viExcel, ...viReports, ...viAssistant, ...viDashboard, ...viMail, ...viNotifications },
  en: { ...en, ...enTasks, ...enLists, ...enApi, ...enExcel, ...enReports, ...enAssistant, ...enDashboard, ...enMail, ...enNotifications },
};

export function isLanguage(value: unknown): value is Language {
  return value === "vi" || value === "en";
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(dictionaries.vi, value);
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (params[name] === undefined ? match : String(params[name])));
}

export function translator(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/**
 * Form errors travel as "key" or "key|{json params}" (Zod messages must be strings);
 * this turns one back into the user's language.
 */
export function translateError(lang: Language, message: string): string {
  const [key, rawParams] = message.split("|", 2);
  if (!isMessageKey(key)) return message;
  let params: Params | undefined;
  if (rawParams) {
    try {
      params = JSON.parse(rawParams);
    } catch {
      params = undefined;
    }
  }
  return translate(lang, key, params);
}

export function errorKey(key: MessageKey, params?: Params): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}
