import type { Actor } from "./actor";

/**
 * Every action the app performs on someone's behalf, and the rule that allows it. Default deny: an
 * action missing here cannot be authorized. Rules see the actor (fresh from the database) and the
 * resource the service loaded; `hide` turns a denial into "not found" so ids of other people's
 * resources cannot be probed.
 */
export type Resource = { ownerId?: string; doctorId?: string; grant?: "READ" | "READ_WRITE" | null } | undefined;

export interface Rule {
  allow(actor: Actor, resource: Resource): boolean;
  /** Deny as NOT_FOUND rather than FORBIDDEN (cross-tenant reads). */
  hide?: boolean;
  /** Admin actions need a confirmed second factor. */
  requiresMfa?: boolean;
}

const isAdmin = (a: Actor) => a.role === "ADMIN";
const isVerifiedDoctor = (a: Actor) => a.role === "DOCTOR" && a.verification === "VERIFIED";

export const rules = {
  "doctor.list_applications": { allow: isAdmin, requiresMfa: true },
  "doctor.read_application": { allow: isAdmin, requiresMfa: true, hide: true },
  "doctor.decide": { allow: isAdmin, requiresMfa: true },
  "user.list": { allow: isAdmin, requiresMfa: true },
  "facility.manage": { allow: isAdmin, requiresMfa: true },
  "directory.search_doctors": { allow: () => true },
  "doctor.read_own_application": { allow: (a, r) => a.role === "DOCTOR" && r?.ownerId === a.id, hide: true },
  "doctor.edit_own_application": { allow: (a, r) => a.role === "DOCTOR" && r?.ownerId === a.id && a.verification !== "VERIFIED", hide: true },
  "invitation.create": { allow: isVerifiedDoctor },
  "invitation.list_own": { allow: (a) => a.role === "DOCTOR" },
  // A doctor's own schedule: verified doctors only (others are refused outright, they know the page
  // exists); an exception id of another doctor reads as not found.
  "availability.manage_own": { allow: (a, r) => isVerifiedDoctor(a) && r?.ownerId === a.id },
  "availability.remove_exception": { allow: (a, r) => isVerifiedDoctor(a) && r?.ownerId === a.id, hide: true },
  "profile.read_own": { allow: (a, r) => r?.ownerId === a.id, hide: true },
  "profile.change_password": { allow: (a, r) => r?.ownerId === a.id, hide: true },
  "session.logout_everywhere": { allow: (a, r) => r?.ownerId === a.id, hide: true },
  "mfa.manage_own": { allow: (a, r) => r?.ownerId === a.id && a.role !== "PATIENT", hide: true },
  "audit.read": { allow: isAdmin, requiresMfa: true },
  "appointment.list_slots": { allow: (a) => a.role === "PATIENT" },
  "appointment.book": { allow: (a) => a.role === "PATIENT" },
  "appointment.read": { allow: (a, r) => r?.ownerId === a.id || (isVerifiedDoctor(a) && r?.doctorId === a.id), hide: true },
  "appointment.cancel": { allow: (a, r) => r?.ownerId === a.id || (isVerifiedDoctor(a) && r?.doctorId === a.id), hide: true },
  "appointment.reschedule": { allow: (a, r) => r?.ownerId === a.id, hide: true },
  "appointment.mark_outcome": { allow: (a, r) => isVerifiedDoctor(a) && r?.doctorId === a.id, hide: true },
  "appointment.list_own": { allow: (a) => a.role === "PATIENT" || isVerifiedDoctor(a) },
  "notification.read_own": { allow: () => true },
  "mail.manage_own_preferences": { allow: (a, r) => r?.ownerId === a.id, hide: true },
  "admin.overview": { allow: isAdmin, requiresMfa: true },
  // Prometheus metrics (/api/metrics): counts and queue depths, no personal data; a scraper uses METRICS_TOKEN (lib/authz/metrics-access.ts).
  "metrics.read": { allow: isAdmin, requiresMfa: true },
  // Documents: the owning patient, or a verified doctor through an open access grant (`grant` is the
  // permission the service found for this doctor, patient and document on this request).
  "document.upload": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  "document.upload_for_patient": { allow: (a, r) => isVerifiedDoctor(a) && r?.grant === "READ_WRITE" },
  "document.view": { allow: (a, r) => (a.role === "PATIENT" && r?.ownerId === a.id) || (isVerifiedDoctor(a) && !!r?.grant), hide: true },
  "document.delete": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  "document.read_access_log": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  // Access grants: a doctor asks only patients they see (an appointment or a link: the service sets
  // doctorId then); the patient decides, grants and revokes on their own records.
  "grant.request": { allow: (a, r) => isVerifiedDoctor(a) && r?.doctorId === a.id, hide: true },
  "grant.decide": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  "grant.create": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  "grant.revoke": { allow: (a, r) => a.role === "PATIENT" && r?.ownerId === a.id, hide: true },
  "grant.list_own": { allow: (a) => a.role === "PATIENT" || isVerifiedDoctor(a) },
  "patient.list_own": { allow: isVerifiedDoctor },
  // Personal access tokens for the FHIR API: patients and verified doctors, on their own tokens only.
  "token.manage_own": { allow: (a, r) => r?.ownerId === a.id && (a.role === "PATIENT" || isVerifiedDoctor(a)), hide: true },
  "patient.read_records": { allow: (a, r) => isVerifiedDoctor(a) && r?.doctorId === a.id, hide: true },
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
