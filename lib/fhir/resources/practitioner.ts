import "server-only";
import type { Practitioner } from "@medplum/fhirtypes";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { findDirectoryDoctor, findDirectoryDoctors, type DirectoryDoctorRow } from "./directory-repository";

/** Public data only: a verified doctor's name and specialty (as a qualification), nothing personal. */
export function toPractitioner(row: DirectoryDoctorRow): Practitioner {
  return {
    resourceType: "Practitioner",
    id: row.doctorId,
    active: true,
    name: [{ text: row.name }],
    qualification: [{ code: { text: row.specialty } }],
  };
}

/** Verified doctors with active accounts, as in the app's doctor directory; readable without a token. */
export const practitionerHandler: FhirResourceHandler = {
  type: "Practitioner",
  isPublic: true,
  searchParams: [
    { name: "_id", type: "token", documentation: "The practitioner's id." },
    { name: "name", type: "string", documentation: "Part of the practitioner's name (case-insensitive)." },
  ],
  async read(_call, id) {
    const row = isUuid(id) ? await findDirectoryDoctor(id) : null;
    return row ? ok(toPractitioner(row)) : fail("NOT_FOUND", `Practitioner/${id} is not known.`);
  },
  async search(_call, params, paging) {
    const id = params.get("_id");
    if (id !== null && !isUuid(id)) return ok({ matches: [], total: 0 });
    const { rows, total } = await findDirectoryDoctors({ id: id ?? undefined, name: params.get("name") ?? undefined }, paging);
    return ok({ matches: rows.map(toPractitioner), total });
  },
};
