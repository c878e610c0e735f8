/**
 * The authorization matrix: every server action exported from app/**\/actions.ts and every route
 * handler method exported from app/**\/route.ts, with the domain service it calls and what each kind
 * of caller gets. lib/authz/authorization-matrix.integration.test.ts runs every cell against real
 * users and Postgres, and fails when an endpoint in app/ has no entry here.
 *
 * Outcomes: "allow" (the service did it), 401 (UNAUTHENTICATED), 403 (FORBIDDEN), 404 (NOT_FOUND,
 * a hidden denial), or "allow:<CODE>" when authorization let the caller through and the domain then
 * refused for its own reason (e.g. "allow:CONFLICT": an admin confirming TOTP enrolment that is
 * already on). Denials must leave a DENY row in the audit trail; allowed calls must not leave an
 * `authz.deny` row.
 *
 * Columns (real users, see real-actors.ts): the anonymous visitor; the patient who owns the fixture
 * resources; another patient; a doctor whose application is pending; a verified doctor with TOTP; a
 * doctor suspended after signing in (their session no longer loads, so they are anonymous: 401); an
 * administrator with TOTP. Actions that name a resource (an appointment) target one of the owner's,
 * so "other patient" must get 404. Actions without a resource id act on the caller's own account
 * (change password, TOTP), so there "other patient" gets "allow" on their own account and the test
 * checks that the owner's account and appointments were not touched. Every ownership rule is also
 * checked directly, caller by caller, in the test.
 */
import { ACCOUNT_MATRIX } from "./accounts";
import { ADMIN_MATRIX } from "./admin";
import { DOCTOR_MATRIX } from "./doctor";
import type { MatrixEntry } from "./matrix-types";
import { METRICS_MATRIX } from "./metrics";
import { PATIENT_MATRIX } from "./patient";
import { ROUTE_MATRIX } from "./routes";

export type { MatrixEntry, MatrixFixtures, Outcome, ProtectedEntry, PublicEntry } from "./matrix-types";

/** One file per capability; an endpoint in app/ must appear in exactly one of them. */
export const AUTHORIZATION_MATRIX: MatrixEntry[] = [...ACCOUNT_MATRIX, ...ADMIN_MATRIX, ...DOCTOR_MATRIX, ...PATIENT_MATRIX, ...ROUTE_MATRIX, ...METRICS_MATRIX];
