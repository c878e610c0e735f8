import "server-only";
import type { Schedule } from "@medplum/fhirtypes";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { referenceId } from "../search-params";
import { findDirectoryDoctor, findDirectoryDoctors, type DirectoryDoctorRow } from "./directory-repository";

/**
 * Slot.schedule is required in FHIR R4, and a doctor has one bookable calendar, so each listed doctor has
 * exactly one Schedule, with the doctor's id. It only restates the public directory (who, which specialty),
 * so it is public like Practitioner; the free slots themselves need a token (resources/slot.ts).
 */
export function toSchedule(row: DirectoryDoctorRow): Schedule {
  return {
    resourceType: "Schedule",
    id: row.doctorId,
    active: true,
    specialty: [{ text: row.specialty }],
    actor: [{ reference: `Practitioner/${row.doctorId}`, display: row.name }],
  };
}

export const scheduleHandler: FhirResourceHandler = {
  type: "Schedule",
  isPublic: true,
  searchParams: [
    { name: "_id", type: "token", documentation: "The schedule's id (the same as its practitioner's id)." },
    { name: "actor", type: "reference", documentation: "Practitioner/<id>: the doctor's schedule." },
  ],
  async read(_call, id) {
    const row = isUuid(id) ? await findDirectoryDoctor(id) : null;
    return row ? ok(toSchedule(row)) : fail("NOT_FOUND", `Schedule/${id} is not known.`);
  },
  async search(_call, params, paging) {
    const id = params.get("_id");
    const actor = params.get("actor");
    const actorId = actor === null ? undefined : referenceId(actor, "Practitioner");
    if ((id !== null && !isUuid(id)) || actorId === null || (id !== null && actorId !== undefined && id !== actorId)) return ok({ matches: [], total: 0 });
    const { rows, total } = await findDirectoryDoctors({ id: id ?? actorId }, paging);
    return ok({ matches: rows.map(toSchedule), total });
  },
};
