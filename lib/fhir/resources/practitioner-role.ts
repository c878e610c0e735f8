import "server-only";
import type { PractitionerRole, Resource } from "@medplum/fhirtypes";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { MAX_COUNT } from "../paging";
import { referenceId, tokenCode } from "../search-params";
import { findDirectoryDoctor, findDirectoryDoctors, findDirectoryFacilities, type DirectoryDoctorRow } from "./directory-repository";
import { toOrganization } from "./organization";
import { toPractitioner } from "./practitioner";

/**
 * One role per listed doctor (a doctor works at one facility), so its id is the doctor's id: stable, and
 * PractitionerRole/<id> names the same person as Practitioner/<id>.
 */
export function toPractitionerRole(row: DirectoryDoctorRow): PractitionerRole {
  return {
    resourceType: "PractitionerRole",
    id: row.doctorId,
    active: true,
    practitioner: { reference: `Practitioner/${row.doctorId}`, display: row.name },
    organization: { reference: `Organization/${row.facilityId}`, display: row.facilityName },
    specialty: [{ text: row.specialty }],
  };
}

const INCLUDE_PRACTITIONER = "PractitionerRole:practitioner";
const INCLUDE_ORGANIZATION = "PractitionerRole:organization";

async function included(rows: DirectoryDoctorRow[], includes: string[]): Promise<Resource[]> {
  const resources: Resource[] = includes.includes(INCLUDE_PRACTITIONER) ? rows.map(toPractitioner) : [];
  const facilityIds = [...new Set(rows.map((row) => row.facilityId))];
  if (includes.includes(INCLUDE_ORGANIZATION) && facilityIds.length > 0) {
    const { rows: facilities } = await findDirectoryFacilities({ ids: facilityIds }, { count: MAX_COUNT, offset: 0 });
    resources.push(...facilities.map(toOrganization));
  }
  return resources;
}

/** Who works where, with which specialty: public like Practitioner and Organization. */
export const practitionerRoleHandler: FhirResourceHandler = {
  type: "PractitionerRole",
  isPublic: true,
  searchParams: [
    { name: "_id", type: "token", documentation: "The role's id (the same as its practitioner's id)." },
    { name: "practitioner", type: "reference", documentation: "Practitioner/<id>: the doctor's role." },
    { name: "organization", type: "reference", documentation: "Organization/<id>: the roles at a facility." },
    { name: "specialty", type: "token", documentation: "The specialty's text, matched whole and case-insensitively (no coding system is used)." },
  ],
  includes: [INCLUDE_PRACTITIONER, INCLUDE_ORGANIZATION],
  async read(_call, id) {
    const row = isUuid(id) ? await findDirectoryDoctor(id) : null;
    return row ? ok(toPractitionerRole(row)) : fail("NOT_FOUND", `PractitionerRole/${id} is not known.`);
  },
  async search(_call, params, paging) {
    const id = params.get("_id");
    const practitioner = params.get("practitioner");
    const organization = params.get("organization");
    const practitionerId = practitioner === null ? undefined : referenceId(practitioner, "Practitioner");
    const facilityId = organization === null ? undefined : referenceId(organization, "Organization");
    // A malformed id or reference matches nothing, as an unknown one would.
    if ((id !== null && !isUuid(id)) || practitionerId === null || facilityId === null) return ok({ matches: [], total: 0 });
    if (id !== null && practitionerId !== undefined && id !== practitionerId) return ok({ matches: [], total: 0 });
    const specialty = params.get("specialty");
    const { rows, total } = await findDirectoryDoctors({ id: id ?? practitionerId, facilityId, specialty: specialty === null ? undefined : tokenCode(specialty) }, paging);
    return ok({ matches: rows.map(toPractitionerRole), total, included: await included(rows, params.getAll("_include")) });
  },
};
