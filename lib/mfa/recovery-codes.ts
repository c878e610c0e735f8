import { randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

/** Crockford base32 without I, L, O, U: nothing to confuse when reading a printed code back. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** One-time recovery codes such as `7K3QD-9X2MA` (50 random bits each), shown to the user once. */
export function newRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
