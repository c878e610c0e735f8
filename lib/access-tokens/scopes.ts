import type { Role } from "@/lib/db/generated/enums";

/**
 * SMART-on-FHIR style read scopes for personal access tokens. `patient/…` reads the token owner's own
 * records (patients); `user/…` reads whatever the user may see in the app (doctors: patients who granted
 * them access). A token never widens what its user may do: scopes only narrow it.
 */
export const SCOPED_RESOURCE_TYPES = ["Patient", "Appointment", "Slot", "DocumentReference", "Consent", "AuditEvent", "Provenance"] as const;
export type ScopedResourceType = (typeof SCOPED_RESOURCE_TYPES)[number];

export type ScopeContext = "patient" | "user";

/** Which scope prefix a role's tokens carry. Admins have no FHIR data access. */
export function scopeContextFor(role: Role): ScopeContext | null {
  if (role === "PATIENT") return "patient";
  if (role === "DOCTOR") return "user";
  return null;
}

/** Every scope a user of `role` may put on a token, broadest first. */
export function scopesAvailableTo(role: Role): string[] {
  const context = scopeContextFor(role);
  if (!context) return [];
  return [`${context}/*.read`, ...SCOPED_RESOURCE_TYPES.map((type) => `${context}/${type}.read`)];
}

/** Whether a token's scopes allow reading `resourceType`. */
export function scopesAllowRead(scopes: readonly string[], resourceType: string): boolean {
  return scopes.some((scope) => {
    const match = /^(patient|user)\/([A-Za-z*]+)\.read$/.exec(scope);
    return match !== null && (match[2] === "*" || match[2] === resourceType);
  });
}
