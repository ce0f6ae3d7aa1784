/** How long a personal API token may live, in days (the token form's schema runs in the browser too). */
export const TOKEN_MIN_DAYS = 1;
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_DEFAULT_DAYS = 365;
