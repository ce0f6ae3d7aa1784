import { hash, verify } from "@node-rs/argon2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): ~15 ms here.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize("NFC"));
  } catch {
    return false;
  }
}

// A hash to verify against when the e-mail is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  return dummyHash;
}

/** A one-time password an admin hands over: 16 base32 characters (80 bits), read aloud easily. */
export function generateOneTimePassword(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const raw = encodeBase32LowerCaseNoPadding(bytes);
  return raw.match(/.{1,4}/g)!.join("-");
}
