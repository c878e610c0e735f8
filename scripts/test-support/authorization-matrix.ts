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
import { createHmac, randomUUID } from "node:crypto";
import { generate } from "otplib";
import { changePassword } from "@/lib/account/change-password";
import { insertToken } from "@/lib/access-tokens/access-token-repository";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { revokeAccessToken } from "@/lib/access-tokens/revoke-token";
import { newTokenSecret, tokenHash } from "@/lib/access-tokens/token-secret";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { markAppointmentOutcome } from "@/lib/appointments/mark-outcome";
import { rescheduleAppointment } from "@/lib/appointments/reschedule-appointment";
import { logout, logoutEverywhere } from "@/lib/auth/sign-out";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/rules";
import { resubmitOwnApplication } from "@/lib/doctor-application/own-application";
import { decideDoctor } from "@/lib/doctors/decide-doctor";
import { serverEnv } from "@/lib/env";
import { createFacility } from "@/lib/facilities/create-facility";
import { setFacilityActive } from "@/lib/facilities/set-facility-active";
import { updateFacility } from "@/lib/facilities/update-facility";
import { addException } from "@/lib/availability/add-exception";
import { authorizeOwnSchedule } from "@/lib/availability/own-schedule";
import { removeException } from "@/lib/availability/remove-exception";
import { replaceWeeklyRules } from "@/lib/availability/replace-weekly-rules";
import { updateBookingSettings } from "@/lib/availability/update-booking-settings";
import { authorizeUploadFor, openUpload } from "@/lib/documents/open-upload";
import { createGrant } from "@/lib/grants/create-grant";
import { decideAccessRequest } from "@/lib/grants/decide-request";
import { requestAccess } from "@/lib/grants/request-access";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createPatientInvitation } from "@/lib/invitations/create-invitation";
import { updateMailPreferences } from "@/lib/mail/preferences";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes } from "@/lib/mfa/enrolment";
import { newTotpSecret } from "@/lib/mfa/totp";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import type { ErrorCode, Result } from "@/lib/result";
import { viewableDocumentWithAnchor } from "@/lib/verification/document-access";
import { verifyStoredDocument } from "@/lib/verification/verify-stored-document";
import { METRICS_MATRIX } from "./authorization-matrix-metrics";
import type { ActorKind } from "./real-actors";

export type Outcome = "allow" | 401 | 403 | 404 | `allow:${Exclude<ErrorCode, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND">}`;

/** What a cell's service call may use: shared fixtures and factories for fresh resources. */
export interface MatrixFixtures {
  /** Every fixture user's password. */
  password: string;
  /** An active facility doctors can name. */
  facilityId: string;
  /** The TOTP secret of the acting user, when they have a confirmed second factor. */
  totpSecret: string | null;
  /** The request's client address and user agent (a fresh IP per cell). */
  context: RequestContext;
  /** A name no other test uses, e.g. for facilities. */
  unique(prefix: string): string;
  /** A fresh doctor application in PENDING, for decisions; returns the doctor's user id. */
  pendingApplication(): Promise<string>;
  /** A fresh active facility; returns its id. */
  facility(): Promise<string>;
  /** A valid NL license number no one holds yet. */
  licenseNumber(): string;
  /** Registers what a service created, for clean-up. */
  track(ids: { userId?: string; facilityId?: string }): void;
  /** A fresh verified doctor with availability round the clock (10-minute slots); returns their id. */
  bookableDoctor(): Promise<string>;
  /**
   * An appointment of the fixture owner (the "patient" column) with the acting doctor when the caller
   * is the verified doctor, else with another verified doctor: "upcoming" starts in two days, "started"
   * began 30 minutes ago. Returns its id.
   */
  appointment(when: "upcoming" | "started"): Promise<string>;
  /** The fixture owner's user id (a patient). */
  ownerId: string;
  /** Links the acting doctor (verified or pending) with the owner, as an invitation does; no-op for others. */
  linkToOwner(): Promise<void>;
  /** A request for all of the owner's documents (READ, 7 days) from the acting verified doctor, else another one; returns its id. */
  accessRequest(): Promise<string>;
  /** An open grant on all of the owner's documents to the acting verified doctor, else another one; returns its id. */
  activeGrant(permission: "READ" | "READ_WRITE"): Promise<string>;
  /** A day off in the schedule of the acting doctor (when verified) or of another doctor; returns its id. */
  availabilityException(): Promise<string>;
  /** A free 10-minute slot `daysAhead` days from now at hh:mm UTC, as the booking form sends it. */
  slot(daysAhead: number, hour: number, minute: number): { startsAt: string; endsAt: string };
}

type ServiceCall = (actor: Actor | null, fx: MatrixFixtures) => Promise<Result<unknown> | void>;

interface EndpointRef {
  /** Path from the repository root, e.g. "app/account/actions.ts". */
  file: string;
  /** The exported action name, or the HTTP method of a route handler. */
  export: string;
}

export interface ProtectedEntry extends EndpointRef {
  kind: "action";
  /** The domain service the action calls with `await currentActor()` as its first argument. */
  service: (...args: never[]) => unknown;
  /** The lib/authz rule the service authorizes with; null only with a reason in `unauthorized`. */
  rule: Action | null;
  /** The helper that makes the `authorize` call for the service, when it is not the service itself. */
  authorizedBy?: (...args: never[]) => unknown;
  /** Why a service makes no authorization check at all. */
  unauthorized?: string;
  call: ServiceCall;
  expected: Record<ActorKind, Outcome>;
}

export interface PublicEntry extends EndpointRef {
  kind: "public-action" | "public-route";
  /** Why anyone, signed in or not, may call it. */
  justification: string;
  /** Text the endpoint's source must contain: the call into its service. */
  calls: string;
}

export type MatrixEntry = ProtectedEntry | PublicEntry;

/** Mirrors lib/mfa/enrolment.ts: the HMAC that binds a pending TOTP secret to one user. */
function enrolmentSignature(userId: string, secret: string): string {
  return createHmac("sha256", serverEnv().authSecret).update(`totp-enrolment:${userId}:${secret}`).digest("hex");
}

/** A current code for the actor's own authenticator, or for a random secret when they have none. */
const currentCode = (fx: MatrixFixtures) => generate({ secret: fx.totpSecret ?? newTotpSecret() });

const NEW_PASSWORD = "velvet canyon orbit pepper";

/** Actions on a verified doctor's own schedule. */
const VERIFIED_DOCTOR_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 403 };
/** Cancelling: the appointment's patient (the owner) or its doctor; hidden from everyone else. */
const PATIENT_OR_ITS_DOCTOR: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: 404, pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 };

/** Acting on one of the owner's grants: only the owning patient; hidden from everyone else. */
const OWNER_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: 404, pendingDoctor: 404, verifiedDoctor: 404, suspendedDoctor: 401, admin: 404 };
/** Admin-only actions (rules requiring ADMIN and a confirmed second factor). */
const ADMIN_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: 403, suspendedDoctor: 401, admin: "allow" };
/** Anything the caller does to their own account. */
const ANY_SIGNED_IN: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: "allow", verifiedDoctor: "allow", suspendedDoctor: 401, admin: "allow" };

export const AUTHORIZATION_MATRIX: MatrixEntry[] = [
  // app/(public)/login/actions.ts
  {
    kind: "public-action",
    file: "app/(public)/login/actions.ts",
    export: "loginAction",
    calls: 'signIn("credentials"',
    justification: "Signing in is how a visitor gets a session. Auth.js's credentials provider calls verifyLogin (rate limits, argon2id, second factor) and opens a fresh server-side session.",
  },
  // app/(public)/register/actions.ts
  {
    kind: "public-action",
    file: "app/(public)/register/actions.ts",
    export: "registerPatientAction",
    calls: "registerPatient(",
    justification: "Patient self-registration is open to visitors; an invitation token, when given, is the only credential and is checked by registerPatient.",
  },
  {
    kind: "public-action",
    file: "app/(public)/register/actions.ts",
    export: "applyAsDoctorAction",
    calls: "applyAsDoctor(",
    justification: "Anyone may apply as a doctor; the account acts as a doctor only after an administrator verifies it.",
  },
  // app/account/actions.ts
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "logoutAction",
    service: logout,
    rule: null,
    unauthorized: "Logging out only ends the session the request's own cookie names; it is harmless for anyone, so it needs no rule.",
    call: async (actor) => logout(actor),
    expected: { anonymous: "allow", patient: "allow", otherPatient: "allow", pendingDoctor: "allow", verifiedDoctor: "allow", suspendedDoctor: "allow", admin: "allow" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "createAccessTokenAction",
    service: createAccessToken,
    rule: "token.manage_own",
    call: (actor) => createAccessToken(actor, { name: "Matrix client", scopes: [actor?.role === "DOCTOR" ? "user/*.read" : "patient/*.read"], expiresInDays: 7 }),
    // Patients and verified doctors, on their own account; a pending doctor and an admin have no FHIR data to read.
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "revokeAccessTokenAction",
    service: revokeAccessToken,
    rule: "token.manage_own",
    call: async (actor, fx) => {
      const token = await insertToken({ userId: fx.ownerId, name: "Owner's client", tokenHash: tokenHash(newTokenSecret()), scopes: ["patient/*.read"], expiresAt: new Date(Date.now() + 86_400_000) });
      return revokeAccessToken(actor, { tokenId: token.id }, fx.context);
    },
    expected: OWNER_ONLY,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "logoutEverywhereAction",
    service: logoutEverywhere,
    rule: "session.logout_everywhere",
    call: (actor) => logoutEverywhere(actor),
    expected: ANY_SIGNED_IN,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "changePasswordAction",
    service: changePassword,
    rule: "profile.change_password",
    call: (actor, fx) => changePassword(actor, { currentPassword: fx.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, fx.context),
    expected: ANY_SIGNED_IN,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "confirmTotpEnrolmentAction",
    service: confirmTotpEnrolment,
    rule: "mfa.manage_own",
    call: async (actor, fx) => {
      const secret = newTotpSecret();
      return confirmTotpEnrolment(actor, { secret, signature: enrolmentSignature(actor?.id ?? "nobody", secret), code: await generate({ secret }) }, fx.context);
    },
    // Users who already have a second factor get past authorization and are told it is already on.
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow", verifiedDoctor: "allow:CONFLICT", suspendedDoctor: 401, admin: "allow:CONFLICT" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "regenerateRecoveryCodesAction",
    service: regenerateRecoveryCodes,
    rule: "mfa.manage_own",
    call: async (actor, fx) => regenerateRecoveryCodes(actor, { code: await currentCode(fx) }, fx.context),
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow:CONFLICT", verifiedDoctor: "allow", suspendedDoctor: 401, admin: "allow" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "disableTotpAction",
    service: disableTotp,
    rule: "mfa.manage_own",
    call: async (actor, fx) => disableTotp(actor, { password: fx.password, code: await currentCode(fx) }, fx.context),
    // Administrators must keep their second factor: a domain refusal (FORBIDDEN, audited as mfa.disable DENY).
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow:CONFLICT", verifiedDoctor: "allow", suspendedDoctor: 401, admin: 403 },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "updateMailPreferencesAction",
    service: updateMailPreferences,
    rule: "mail.manage_own_preferences",
    call: (actor, fx) => updateMailPreferences(actor, { appointments: "on", reminders: undefined, access: "on" }, fx.context),
    expected: ANY_SIGNED_IN,
  },
  // app/admin/doctors/actions.ts
  {
    kind: "action",
    file: "app/admin/doctors/actions.ts",
    export: "decideDoctorAction",
    service: decideDoctor,
    rule: "doctor.decide",
    call: async (actor, fx) => decideDoctor(actor, { doctorId: await fx.pendingApplication(), decision: "VERIFY" }, fx.context),
    expected: ADMIN_ONLY,
  },
  // app/admin/facilities/actions.ts
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "createFacilityAction",
    service: createFacility,
    rule: "facility.manage",
    call: async (actor, fx) => {
      const result = await createFacility(actor, { name: fx.unique("Matrix Clinic"), city: "Leeds", address: "1 Test Street" }, fx.context);
      if (result.ok) fx.track({ facilityId: result.value.facilityId });
      return result;
    },
    expected: ADMIN_ONLY,
  },
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "updateFacilityAction",
    service: updateFacility,
    rule: "facility.manage",
    call: async (actor, fx) => updateFacility(actor, { facilityId: await fx.facility(), name: fx.unique("Matrix Renamed"), city: "York", address: "" }, fx.context),
    expected: ADMIN_ONLY,
  },
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "setFacilityActiveAction",
    service: setFacilityActive,
    rule: "facility.manage",
    call: async (actor, fx) => setFacilityActive(actor, { facilityId: await fx.facility(), active: "false" }, fx.context),
    expected: ADMIN_ONLY,
  },
  // app/doctor/actions.ts
  {
    kind: "action",
    file: "app/doctor/actions.ts",
    export: "invitePatientAction",
    service: createPatientInvitation,
    rule: "invitation.create",
    call: (actor, fx) => createPatientInvitation(actor, { patientName: "Riley Invitee", email: `invitee-${randomUUID()}@example.test` }, fx.context),
    expected: { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 403 },
  },
  {
    kind: "action",
    file: "app/doctor/actions.ts",
    export: "resubmitApplicationAction",
    service: resubmitOwnApplication,
    rule: "doctor.edit_own_application",
    call: (actor, fx) =>
      resubmitOwnApplication(actor, { specialty: "Neurology", licenseJurisdiction: "NL", licenseNumber: fx.licenseNumber(), facilityId: fx.facilityId, timeZone: "Europe/Amsterdam", bio: "Edited application." }, fx.context),
    // Hidden (404) from everyone but a doctor whose application is not verified yet.
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow", verifiedDoctor: 404, suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/doctor/actions.ts",
    export: "markAppointmentOutcomeAction",
    service: markAppointmentOutcome,
    rule: "appointment.mark_outcome",
    call: async (actor, fx) => markAppointmentOutcome(actor, { appointmentId: await fx.appointment("started"), outcome: "COMPLETED" }, fx.context),
    // Only the appointment's own doctor; even its patient is answered NOT_FOUND.
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/doctor/actions.ts",
    export: "cancelAppointmentByDoctorAction",
    service: cancelAppointment,
    rule: "appointment.cancel",
    call: async (actor, fx) => cancelAppointment(actor, { appointmentId: await fx.appointment("upcoming"), reason: "The clinic is closed that day." }, fx.context),
    expected: PATIENT_OR_ITS_DOCTOR,
  },
  // app/doctor/availability/actions.ts
  {
    kind: "action",
    file: "app/doctor/availability/actions.ts",
    export: "saveWeeklyRulesAction",
    service: replaceWeeklyRules,
    rule: "availability.manage_own",
    authorizedBy: authorizeOwnSchedule,
    call: (actor, fx) => replaceWeeklyRules(actor, { rules: [{ weekday: "1", start: "09:00", end: "12:00", slotMinutes: "15", bufferMinutes: "5" }] }, fx.context),
    expected: VERIFIED_DOCTOR_ONLY,
  },
  {
    kind: "action",
    file: "app/doctor/availability/actions.ts",
    export: "addExceptionAction",
    service: addException,
    rule: "availability.manage_own",
    authorizedBy: authorizeOwnSchedule,
    call: (actor, fx) => addException(actor, { date: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), kind: "DAY_OFF", note: "Conference" }, fx.context),
    expected: VERIFIED_DOCTOR_ONLY,
  },
  {
    kind: "action",
    file: "app/doctor/availability/actions.ts",
    export: "removeExceptionAction",
    service: removeException,
    rule: "availability.manage_own",
    authorizedBy: authorizeOwnSchedule,
    call: async (actor, fx) => removeException(actor, { exceptionId: await fx.availabilityException() }, fx.context),
    expected: VERIFIED_DOCTOR_ONLY,
  },
  {
    kind: "action",
    file: "app/doctor/availability/actions.ts",
    export: "updateBookingSettingsAction",
    service: updateBookingSettings,
    rule: "availability.manage_own",
    authorizedBy: authorizeOwnSchedule,
    call: (actor, fx) => updateBookingSettings(actor, { minNoticeMinutes: "240", horizonDays: "30" }, fx.context),
    expected: VERIFIED_DOCTOR_ONLY,
  },
  // app/notifications/actions.ts
  {
    kind: "action",
    file: "app/notifications/actions.ts",
    export: "markNotificationsReadAction",
    service: markNotificationsRead,
    rule: "notification.read_own",
    call: (actor) => markNotificationsRead(actor),
    expected: ANY_SIGNED_IN,
  },
  // app/patient/actions.ts
  {
    kind: "action",
    file: "app/patient/actions.ts",
    export: "bookAppointmentAction",
    service: bookAppointment,
    rule: "appointment.book",
    call: async (actor, fx) => bookAppointment(actor, { doctorId: await fx.bookableDoctor(), ...fx.slot(2, 12, 0), reason: "Check-up", idempotencyKey: randomUUID() }, fx.context),
    // Any patient books for themselves; doctors and admins do not book.
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 403, verifiedDoctor: 403, suspendedDoctor: 401, admin: 403 },
  },
  {
    kind: "action",
    file: "app/patient/actions.ts",
    export: "rescheduleAppointmentAction",
    service: rescheduleAppointment,
    rule: "appointment.reschedule",
    call: async (actor, fx) => rescheduleAppointment(actor, { appointmentId: await fx.appointment("upcoming"), ...fx.slot(2, 12, 20) }, fx.context),
    // Only the patient moves their appointment; its doctor cancels instead.
    expected: { anonymous: 401, patient: "allow", otherPatient: 404, pendingDoctor: 404, verifiedDoctor: 404, suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/patient/actions.ts",
    export: "cancelAppointmentAction",
    service: cancelAppointment,
    rule: "appointment.cancel",
    call: async (actor, fx) => cancelAppointment(actor, { appointmentId: await fx.appointment("upcoming"), reason: "Feeling better now." }, fx.context),
    expected: PATIENT_OR_ITS_DOCTOR,
  },
  // documents UI: app/patient/documents/actions.ts
  {
    kind: "action",
    file: "app/patient/documents/actions.ts",
    export: "openUploadAction",
    service: openUpload,
    rule: "document.upload",
    authorizedBy: authorizeUploadFor,
    call: (actor, fx) => openUpload(actor, { title: "Matrix blood panel", kind: "LAB_RESULT", declaredType: "application/pdf", declaredSize: 1024 }, fx.context),
    // Any patient opens uploads for their own records; a doctor naming no patient holds no grant (403);
    // admins are answered NOT_FOUND.
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 403, verifiedDoctor: 403, suspendedDoctor: 401, admin: 404 },
  },
  // sharing UI: app/patient/sharing/actions.ts
  {
    kind: "action",
    file: "app/patient/sharing/actions.ts",
    export: "decideAccessRequestAction",
    service: decideAccessRequest,
    rule: "grant.decide",
    call: async (actor, fx) => decideAccessRequest(actor, { decision: "approve", grantId: await fx.accessRequest(), allDocuments: true, documentIds: [], permission: "READ" }, fx.context),
    expected: OWNER_ONLY,
  },
  {
    kind: "action",
    file: "app/patient/sharing/actions.ts",
    export: "createGrantAction",
    service: createGrant,
    rule: "grant.create",
    call: async (actor, fx) => createGrant(actor, { doctorId: await fx.bookableDoctor(), allDocuments: true, documentIds: [], permission: "READ", until: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) }, fx.context),
    // Every patient shares their own records; doctors and admins have none to share.
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 404, verifiedDoctor: 404, suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/patient/sharing/actions.ts",
    export: "revokeGrantAction",
    service: revokeGrant,
    rule: "grant.revoke",
    call: async (actor, fx) => revokeGrant(actor, { grantId: await fx.activeGrant("READ") }, fx.context),
    expected: OWNER_ONLY,
  },
  // doctor's patients: app/doctor/patients/actions.ts
  {
    kind: "action",
    file: "app/doctor/patients/actions.ts",
    export: "requestAccessAction",
    service: requestAccess,
    rule: "grant.request",
    call: async (actor, fx) => {
      await fx.linkToOwner();
      return requestAccess(actor, { patientId: fx.ownerId, reason: "Matrix follow-up", allDocuments: true, permission: "READ", durationDays: 7 }, fx.context);
    },
    // Only a verified doctor who sees the patient; a pending doctor linked to them is refused like everyone else.
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/doctor/patients/actions.ts",
    export: "openPatientUploadAction",
    service: openUpload,
    rule: "document.upload_for_patient",
    authorizedBy: authorizeUploadFor,
    call: async (actor, fx) => {
      await fx.activeGrant("READ_WRITE");
      return openUpload(actor, { patientId: fx.ownerId, title: "Matrix report", kind: "REPORT", declaredType: "application/pdf", declaredSize: 1024 }, fx.context);
    },
    // The verified doctor holds a READ_WRITE grant; a pending doctor holds none (403). Patients always
    // upload into their own records, whatever patient the form names; admins have none (404).
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 403, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 },
  },
  // app/api/auth/[...nextauth]/route.ts
  {
    kind: "public-route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "GET",
    calls: "@/lib/auth/route-handlers",
    justification: "Auth.js's own endpoints (CSRF token, the caller's own session, providers). They reveal nothing but the caller's own session id; signing in goes through loginAction.",
  },
  {
    kind: "public-route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "POST",
    calls: "@/lib/auth/route-handlers",
    justification: "Auth.js's own endpoints (sign-out, CSRF-protected callbacks). A credentials callback still goes through verifyLogin.",
  },
  // app/api/health/route.ts
  {
    kind: "public-route",
    file: "app/api/health/route.ts",
    export: "GET",
    calls: "checkHealth(",
    justification: "Liveness and readiness for load balancers and the dev script: up/down per dependency, latencies, chain id and contract address; no personal data.",
  },
  // app/api/uploads/[uploadId]/route.ts: reachable by anyone, like every route handler; the service
  // authorizes (document.upload) with the caller from currentActor(), the matrix test checks both.
  {
    kind: "public-route",
    file: "app/api/uploads/[uploadId]/route.ts",
    export: "PUT",
    calls: "receiveUpload(uploadId, await currentActor(),",
    justification: "Only the routing is public. receiveUpload authorizes document.upload with the caller from currentActor() and claims a one-time upload id bound to that user: signed out gets 401, anyone else's id 404.",
  },
  // app/api/documents/[documentId]/content/route.ts
  {
    kind: "public-route",
    file: "app/api/documents/[documentId]/content/route.ts",
    export: "GET",
    calls: "openDocumentContent(await contentRequester(url, documentId), documentId,",
    justification: "Only the routing is public. openDocumentContent authorizes document.view on every request for the session's user, or for the user a short-lived `?link=` token (signed for that user and that document) names, loaded fresh: signed out or a bad link gets 401; anyone but the owning patient or a doctor whose open grant covers the document, 404.",
  },
  // app/api/export/route.ts
  {
    kind: "public-route",
    file: "app/api/export/route.ts",
    export: "GET",
    calls: "exportPatientRecords(await currentActor(),",
    justification: "Only the routing is public. exportPatientRecords authorizes document.read_access_log for the caller's own records (the archive holds their access log): signed out gets 401, a doctor or an admin 404; a patient only ever gets their own records.",
  },
  // app/api/export/patients/[patientId]/route.ts
  {
    kind: "public-route",
    file: "app/api/export/patients/[patientId]/route.ts",
    export: "GET",
    calls: "exportGrantedRecords(await currentActor(), { patientId },",
    justification: "Only the routing is public. exportGrantedRecords authorizes document.view through the caller's open, chain-confirmed grant for that patient: signed out gets 401; without such a grant (or as the patient themself), 404.",
  },
  // app/patient/documents/[documentId]/actions.ts
  {
    kind: "action",
    file: "app/patient/documents/[documentId]/actions.ts",
    export: "verifyDocumentAction",
    service: verifyStoredDocument,
    rule: "document.view",
    authorizedBy: viewableDocumentWithAnchor,
    call: async (actor, fx) => {
      // A stored document of the owner, uploaded in their own session (the fixtures hold only their id).
      const [{ loadActor }, { openSession }, { storeTestDocument, testPdf }] = await Promise.all([import("@/lib/auth/current-actor"), import("@/lib/auth/sessions"), import("@/lib/testing/fixtures")]);
      const owner = await loadActor(await openSession(fx.ownerId, 1));
      const documentId = await storeTestDocument(owner!, testPdf("matrix verify"), { title: "Matrix verify" });
      return verifyStoredDocument(actor, { documentId }, fx.context);
    },
    // document.view: the owning patient (a doctor only under an open grant, which this cell does not give).
    expected: OWNER_ONLY,
  },
  // app/api/documents/[documentId]/receipt/route.ts
  {
    kind: "public-route",
    file: "app/api/documents/[documentId]/receipt/route.ts",
    export: "GET",
    calls: "getDocumentReceipt(await currentActor(), { documentId },",
    justification: "Only the routing is public. getDocumentReceipt authorizes document.view with the caller from currentActor() on every request: signed out gets 401; anyone but the owning patient or a doctor whose open grant covers the document, 404; before the anchor is confirmed, 409.",
  },
  // app/api/rpc/route.ts
  {
    kind: "public-route",
    file: "app/api/rpc/route.ts",
    export: "POST",
    calls: "proxyRpc(request",
    justification: "The default node of the public /verify page: a read-only JSON-RPC proxy to the chain, which holds only salted commitments and no personal data. Only read methods pass (eth_call, eth_getLogs over a bounded range, blocks, receipts...); sending transactions, signing and node control (anvil_*, evm_*, debug_*) are refused; bodies and batches are size-limited.",
  },
  // app/fhir/R4/[[...path]]/route.ts
  {
    kind: "public-route",
    file: "app/fhir/R4/[[...path]]/route.ts",
    export: "GET",
    calls: "handleFhirGet(request, path,",
    justification: "Only the routing is public. The FHIR API serves the public directory (Practitioner, PractitionerRole, Organization) to anyone; every other type needs a live personal access token whose scopes include it, and each handler then authorizes the token's user like the app's own services (others' resources: 404).",
  },
  ...(["POST", "PUT", "PATCH", "DELETE"] as const).map(
    (method): PublicEntry => ({
      kind: "public-route",
      file: "app/fhir/R4/[[...path]]/route.ts",
      export: method,
      calls: "refuseWrite(",
      justification: "The FHIR API is read-only: every write interaction answers 405 with an OperationOutcome and touches nothing.",
    }),
  ),
  ...METRICS_MATRIX,
];
