import { useRouteLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "./format";
import { translate, translateError, type Language, type MessageKey, type Params } from "./index";

interface RootI18nData {
  lang: Language;
  timeZone: string;
}

/** Language and time zone of the current page, from the root loader (Vietnamese if unknown). */
export function useLocale(): RootI18nData {
  const data = useRouteLoaderData("root") as RootI18nData | undefined;
  return { lang: data?.lang ?? "vi", timeZone: data?.timeZone ?? "Asia/Ho_Chi_Minh" };
}

export function useT() {
  const { lang, timeZone } = useLocale();
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  return Object.assign(t, {
    lang,
    timeZone,
    error: (message: string) => translateError(lang, message),
    date: (value: string | Date | null | undefined) => formatDate(value, timeZone),
    dateTime: (value: string | Date | null | undefined) => formatDateTime(value, timeZone),
  });
}
export type T = ReturnType<typeof useT>;
