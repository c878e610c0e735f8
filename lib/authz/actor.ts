import type { Role, UserStatus, VerificationState } from "@/lib/db/generated/enums";

/**
 * The acting user as loaded from the database on this request (never from the session token alone),
 * so suspension, verification changes and logout-everywhere bite on the next request.
 */
export interface Actor {
  id: string;
  role: Role;
  status: UserStatus;
  /** Doctors only: where their application stands. */
  verification: VerificationState | null;
  mfaEnabled: boolean;
  sessionVersion: number;
}

/** Request facts kept in the audit trail next to the actor. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export const NO_REQUEST_CONTEXT: RequestContext = { ip: null, userAgent: null };
