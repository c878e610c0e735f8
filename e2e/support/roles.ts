import path from "node:path";

/**
 * The demo accounts behind the `patient`, `doctor` and `admin` fixtures, signed in once per run by the
 * setup project (e2e/auth.setup.ts), which saves each browser's cookies to `storageStatePath(role)`.
 *
 * Specs that end sessions (sign out everywhere, password change, suspension, MFA changes) use fresh
 * accounts of their own, never these, so the saved sessions stay valid for the whole run.
 */
export const SAVED_ROLES = {
  /** Seeded patient; books with Marcus Reed in the keyboard journey and the accessibility tour. */
  patient: { role: "PATIENT", email: "sofia.rossi@medanchor.test", name: "Sofia Rossi" },
  /** Seeded verified doctor, bookable with no minimum notice. */
  doctor: { role: "DOCTOR", email: "marcus.reed@medanchor.test", name: "Marcus Reed" },
  /** Seeded administrator (signs in with a TOTP code). */
  admin: { role: "ADMIN", email: "admin@medanchor.test", name: "Ada Admin" },
} as const;

export type SavedRole = keyof typeof SAVED_ROLES;
export const SAVED_ROLE_NAMES = Object.keys(SAVED_ROLES) as SavedRole[];

const AUTH_DIR = path.resolve(import.meta.dirname, "../../test-results/.auth");

/** `test-results/.auth/<role>.json` (git-ignored with the rest of test-results/). */
export const storageStatePath = (role: SavedRole) => path.join(AUTH_DIR, `${role}.json`);
