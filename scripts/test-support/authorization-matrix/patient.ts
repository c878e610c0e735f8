/** Authorization matrix entries: Patients: booking, documents, sharing, notifications (app/patient, app/notifications). See index.ts for what the matrix is. */
import { randomUUID } from "node:crypto";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { rescheduleAppointment } from "@/lib/appointments/reschedule-appointment";
import { authorizeUploadFor, openUpload } from "@/lib/documents/open-upload";
import { createGrant } from "@/lib/grants/create-grant";
import { decideAccessRequest } from "@/lib/grants/decide-request";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { viewableDocumentWithAnchor } from "@/lib/verification/document-access";
import { verifyStoredDocument } from "@/lib/verification/verify-stored-document";
import { PATIENT_OR_ITS_DOCTOR, OWNER_ONLY, ANY_SIGNED_IN } from "./matrix-types";
import type { MatrixEntry } from "./matrix-types";

export const PATIENT_MATRIX: MatrixEntry[] = [
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
];
