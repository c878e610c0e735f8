/** Authorization matrix entries: Doctors: appointments, availability and their patients (app/doctor). See index.ts for what the matrix is. */
import { randomUUID } from "node:crypto";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { markAppointmentOutcome } from "@/lib/appointments/mark-outcome";
import { resubmitOwnApplication } from "@/lib/doctor-application/own-application";
import { addException } from "@/lib/availability/add-exception";
import { authorizeOwnSchedule } from "@/lib/availability/own-schedule";
import { removeException } from "@/lib/availability/remove-exception";
import { replaceWeeklyRules } from "@/lib/availability/replace-weekly-rules";
import { updateBookingSettings } from "@/lib/availability/update-booking-settings";
import { authorizeUploadFor, openUpload } from "@/lib/documents/open-upload";
import { requestAccess } from "@/lib/grants/request-access";
import { createPatientInvitation } from "@/lib/invitations/create-invitation";
import { VERIFIED_DOCTOR_ONLY, PATIENT_OR_ITS_DOCTOR } from "./matrix-types";
import type { MatrixEntry } from "./matrix-types";

export const DOCTOR_MATRIX: MatrixEntry[] = [
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
];
