import { randomInt } from "node:crypto";

/** Crockford base32 without I, L, O, U: easy to read aloud and type. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A random public patient identifier such as `MA-7K3QA-9X2MB` (50 bits); never derived from the database id. */
export function newPatientPublicId(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `MA-${chars.slice(0, 5)}-${chars.slice(5)}`;
}
