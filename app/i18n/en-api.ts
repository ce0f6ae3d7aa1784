import type { viApi } from "./vi-api";

export const enApi: Record<keyof typeof viApi, string> = {
};
