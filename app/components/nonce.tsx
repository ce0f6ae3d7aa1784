import { createContext, useContext } from "react";

/** The CSP nonce of the current response, for Remix's inline scripts (empty in the browser). */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
