import { z } from "zod";
import { MAX_GRANT_DAYS, REQUEST_MAX_DAYS } from "./grant-window";

export const GRANT_REASON_MAX = 500;

const permission = z.enum(["READ", "READ_WRITE"], "Choose what the doctor may do.");
/** Form checkboxes and multi-selects arrive as a list of ids; duplicates are dropped. */
const documentIds = z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? [...new Set(v)] : [v]), z.array(z.uuid("Choose documents from the list.")).max(500));
const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose a visit from the list.").optional());

export const requestAccessSchema = z
  .object({
    patientId: z.uuid("Choose a patient."),
    reason: z.string().trim().min(3, "Tell the patient why you need their records.").max(GRANT_REASON_MAX, `Keep the reason under ${GRANT_REASON_MAX} characters.`),
    allDocuments: z.boolean(),
    permission,
    appointmentId: optionalUuid,
    durationDays: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number("Enter a number of days.").int("Enter whole days.").min(1, "At least one day.").max(REQUEST_MAX_DAYS, `At most ${REQUEST_MAX_DAYS} days.`).optional()),
  })
  .refine((v) => !!v.appointmentId !== (v.durationDays !== undefined), { message: "Tie the request to a visit or give a number of days.", path: ["durationDays"] });

export const decideRequestSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("deny"), grantId: z.uuid() }),
  z.object({
    decision: z.literal("approve"),
    grantId: z.uuid(),
    /** The patient may narrow what was asked: fewer documents, read-only, a shorter window. */
    allDocuments: z.boolean(),
    documentIds,
    permission,
    durationDays: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(1, "At least one day.").max(REQUEST_MAX_DAYS, `At most ${REQUEST_MAX_DAYS} days.`).optional()),
  }),
]);

export const createGrantSchema = z.object({
  doctorId: z.uuid("Choose a doctor."),
  allDocuments: z.boolean(),
  documentIds,
  permission,
  /** yyyy-mm-dd, the last day access lasts (through the end of that day, UTC). */
  until: z.iso.date("Choose the last day of access."),
});

export const grantIdSchema = z.object({ grantId: z.uuid() });

export const MAX_GRANT_MS = MAX_GRANT_DAYS * 86_400_000;
