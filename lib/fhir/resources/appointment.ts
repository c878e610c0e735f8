import "server-only";
import type { Appointment } from "@medplum/fhirtypes";
import { authorize } from "@/lib/authz/authorize";
import type { AppointmentStatus } from "@/lib/db/generated/enums";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { parseDateBounds, referenceId, tokenCode } from "../search-params";
import { findFhirAppointment, findFhirAppointments, type FhirAppointmentRow } from "./appointment-repository";

type FhirAppointmentStatus = Appointment["status"];

/** Our four states and their FHIR names; COMPLETED is FHIR's "fulfilled". */
const FHIR_STATUS: Record<AppointmentStatus, FhirAppointmentStatus> = {
  BOOKED: "booked",
  CANCELLED: "cancelled",
  COMPLETED: "fulfilled",
  NO_SHOW: "noshow",
};

/** Every code of FHIR R4's AppointmentStatus value set: the ones we never use are valid and match nothing. */
const FHIR_STATUS_CODES = new Set(["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist"]);

export function toAppointment(row: FhirAppointmentRow): Appointment {
  const cancelled = row.status === "CANCELLED" || row.status === "NO_SHOW";
  return {
    resourceType: "Appointment",
    id: row.id,
    status: FHIR_STATUS[row.status],
    ...(cancelled && row.cancellationReason ? { cancelationReason: { text: row.cancellationReason } } : {}),
    ...(row.reason ? { reasonCode: [{ text: row.reason }] } : {}),
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    participant: [
      { actor: { reference: `Patient/${row.patientId}`, display: row.patientName }, status: "accepted" },
      { actor: { reference: `Practitioner/${row.doctorId}`, display: row.doctorName }, status: "accepted" },
    ],
  };
}

/** Appointments of their patient and of their doctor (appointment.read / appointment.list_own), no one else's. */
export const appointmentHandler: FhirResourceHandler = {
  type: "Appointment",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The appointment's id." },
    { name: "patient", type: "reference", documentation: "Patient/<id>: the patient's appointments (of those the caller may see)." },
    { name: "practitioner", type: "reference", documentation: "Practitioner/<id>: the doctor's appointments (of those the caller may see)." },
    { name: "date", type: "date", documentation: "The start, with eq/ge/gt/le/lt prefixes; repeat for a range (date=ge2026-12-01&date=lt2026-12-08)." },
    { name: "status", type: "token", documentation: "booked, cancelled, fulfilled or noshow; several separated by commas." },
  ],
  async read(call, id) {
    const row = isUuid(id) ? await findFhirAppointment(id) : null;
    const allowed = await authorize(call.actor, "appointment.read", { ownerId: row?.patientId ?? "none", doctorId: row?.doctorId ?? "none", type: "appointment", id }, call.context);
    if (!allowed.ok) return allowed;
    return row ? ok(toAppointment(row)) : fail("NOT_FOUND", `Appointment/${id} is not known.`);
  },
  async search(call, params, paging) {
    const allowed = await authorize(call.actor, "appointment.list_own", { type: "appointment" }, call.context);
    if (!allowed.ok) return allowed;
    const dates = parseDateBounds(params.getAll("date"));
    if (!dates.ok) return dates;
    const codes = params.getAll("status").flatMap((value) => value.split(",")).map(tokenCode);
    const unknown = codes.find((code) => !FHIR_STATUS_CODES.has(code));
    if (unknown !== undefined) return fail("VALIDATION", `status must be an AppointmentStatus code such as booked, cancelled, fulfilled or noshow.`);
    const statuses = codes.length === 0 ? undefined : (Object.keys(FHIR_STATUS) as AppointmentStatus[]).filter((status) => codes.includes(FHIR_STATUS[status]));

    const id = params.get("_id");
    const patient = params.get("patient");
    const practitioner = params.get("practitioner");
    const patientId = patient === null ? undefined : referenceId(patient, "Patient");
    const doctorId = practitioner === null ? undefined : referenceId(practitioner, "Practitioner");
    // The caller's own side of the appointment is fixed; a filter naming someone else on that side matches nothing.
    const own = allowed.actor.role === "PATIENT" ? { patientId: allowed.actor.id } : { doctorId: allowed.actor.id };
    const conflicting = ("patientId" in own && patientId !== undefined && patientId !== own.patientId) || ("doctorId" in own && doctorId !== undefined && doctorId !== own.doctorId);
    if ((id !== null && !isUuid(id)) || patientId === null || doctorId === null || conflicting) return ok({ matches: [], total: 0 });

    const { rows, total } = await findFhirAppointments(
      { id: id ?? undefined, patientId, doctorId, ...own, startsFrom: dates.value.after, startsBefore: dates.value.before, statuses },
      paging,
    );
    return ok({ matches: rows.map(toAppointment), total });
  },
};
