import { z } from "zod";
import type { MailTemplate } from "../categories";
import { formatTimeInZone, renderLayout, type MailContent, type RenderedMail } from "./layout";

/**
 * The variables each template takes, checked when a row is rendered (the JSON comes back from the
 * database). Ids, a doctor's name, times and zones only: never a document title, a visit or grant
 * reason, or a patient's name, since mail crosses servers MedAnchor does not control.
 */
const appointmentData = z.object({ appointmentId: z.uuid(), startsAt: z.iso.datetime(), timeZone: z.string().min(1), doctorName: z.string().min(1).nullable() });
const reminderData = appointmentData.extend({ doctorName: z.string().min(1) });
const grantData = z.object({ grantId: z.uuid() });
const requestData = grantData.extend({ doctorName: z.string().min(1) });
const expiringData = grantData.extend({ endsAt: z.iso.datetime(), timeZone: z.string().min(1) });
const integrityData = z.object({ documentId: z.uuid() });
const noData = z.object({});

type Data<S extends z.ZodType> = z.infer<S>;

const withWhom = (d: Data<typeof appointmentData>) => (d.doctorName ? `with Dr. ${d.doctorName}` : "with a patient");
const appointmentsPath = (d: Data<typeof appointmentData>) => (d.doctorName ? "/patient" : "/doctor/appointments");

const templates: { [T in MailTemplate]: { data: z.ZodType; content: (data: never) => MailContent } } = {
  "account.verified": { data: noData, content: () => ({ subject: "Your MedAnchor doctor account is verified", paragraphs: ["An administrator verified your doctor account. Patients can now find you and book appointments."], action: { label: "Open MedAnchor", path: "/doctor" } }) },
  "account.rejected": { data: noData, content: () => ({ subject: "Your MedAnchor doctor application was not approved", paragraphs: ["An administrator did not approve your doctor application. Sign in to read why and to correct your details."], action: { label: "See your application", path: "/doctor" } }) },
  "account.suspended": { data: noData, content: () => ({ subject: "Your MedAnchor doctor account is suspended", paragraphs: ["An administrator suspended your doctor account and ended your sessions. Contact the clinic administration if you think this is a mistake."], action: { label: "Open MedAnchor", path: "/" } }) },
  "appointment.booked": {
    data: appointmentData,
    content: (d: Data<typeof appointmentData>) => ({ subject: "New appointment", paragraphs: [`An appointment ${withWhom(d)} was booked for ${formatTimeInZone(d.startsAt, d.timeZone)}.`], action: { label: "See your appointments", path: appointmentsPath(d) } }),
  },
  "appointment.cancelled": {
    data: appointmentData,
    content: (d: Data<typeof appointmentData>) => ({ subject: "Appointment cancelled", paragraphs: [`Your appointment ${withWhom(d)} on ${formatTimeInZone(d.startsAt, d.timeZone)} was cancelled. Sign in to see why.`], action: { label: "See your appointments", path: appointmentsPath(d) } }),
  },
  "appointment.rescheduled": {
    data: appointmentData,
    content: (d: Data<typeof appointmentData>) => ({ subject: "Appointment moved", paragraphs: [`An appointment ${withWhom(d)} was moved to ${formatTimeInZone(d.startsAt, d.timeZone)}.`], action: { label: "See your appointments", path: appointmentsPath(d) } }),
  },
  "reminder.24h": {
    data: reminderData,
    content: (d: Data<typeof reminderData>) => ({ subject: "Reminder: your appointment tomorrow", paragraphs: [`This is a reminder of your appointment with Dr. ${d.doctorName} on ${formatTimeInZone(d.startsAt, d.timeZone)}.`, "If you cannot come, please cancel or move it in MedAnchor."], action: { label: "See your appointment", path: "/patient" } }),
  },
  "reminder.1h": {
    data: reminderData,
    content: (d: Data<typeof reminderData>) => ({ subject: "Reminder: your appointment starts in an hour", paragraphs: [`Your appointment with Dr. ${d.doctorName} starts at ${formatTimeInZone(d.startsAt, d.timeZone)}.`], action: { label: "See your appointment", path: "/patient" } }),
  },
  "access.requested": {
    data: requestData,
    content: (d: Data<typeof requestData>) => ({ subject: "A doctor asks to see your records", paragraphs: [`Dr. ${d.doctorName} asked for access to your records. Nothing is shared until you approve.`], action: { label: "Review the request", path: "/patient/sharing" } }),
  },
  "access.approved": { data: grantData, content: () => ({ subject: "Access request approved", paragraphs: ["A patient approved your request to see their records."], action: { label: "See your patients", path: "/doctor/patients" } }) },
  "access.denied": { data: grantData, content: () => ({ subject: "Access request declined", paragraphs: ["A patient declined your request to see their records."], action: { label: "See your patients", path: "/doctor/patients" } }) },
  "access.revoked": { data: grantData, content: () => ({ subject: "Access to records revoked", paragraphs: ["A patient revoked your access to their records."], action: { label: "See your patients", path: "/doctor/patients" } }) },
  "access.expiring": {
    data: expiringData,
    content: (d: Data<typeof expiringData>) => ({ subject: "Access to records ends soon", paragraphs: [`Your access to a patient's records ends at ${formatTimeInZone(d.endsAt, d.timeZone)}.`], action: { label: "See your patients", path: "/doctor/patients" } }),
  },
  "integrity.alert": {
    data: integrityData,
    content: (d: Data<typeof integrityData>) => ({ subject: "Integrity alert: a stored document no longer matches its fingerprint", paragraphs: [`The integrity scrub found that stored document ${d.documentId} no longer matches its SHA-256 or its anchor. Check the audit trail.`], action: { label: "Open the audit trail", path: "/admin/audit" } }),
  },
};

export class TemplateDataError extends Error {}

/** Renders an outbox row; throws TemplateDataError when its data does not fit the template (a bug, never retried). */
export function renderMail(template: MailTemplate, data: unknown, appUrl: string): RenderedMail {
  const spec = templates[template];
  const parsed = spec.data.safeParse(data);
  if (!parsed.success) throw new TemplateDataError(`mail template ${template}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return renderLayout(spec.content(parsed.data as never), appUrl);
}

export type { RenderedMail };
