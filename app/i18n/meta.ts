import { translate, type Language, type MessageKey, type Params } from "./index";

interface MetaArgsLike {
  matches: ReadonlyArray<{ id: string; data?: unknown } | undefined>;
}

/** `<title>` in the page's language: "Page — Rõ Việc". */
export function pageTitle(args: MetaArgsLike, key: MessageKey, params?: Params) {
  const root = args.matches.find((m) => m?.id === "root")?.data as { lang?: Language } | undefined;
  const lang = root?.lang ?? "vi";
  return [{ title: `${translate(lang, key, params)} — ${translate(lang, "app.name")}` }];
}
