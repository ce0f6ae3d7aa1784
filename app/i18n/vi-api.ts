/** Vietnamese strings for API tokens and the API's error messages (merged in index.ts). */
export const viApi = {
};
