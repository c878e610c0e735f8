import "server-only";
import type { Organization } from "@medplum/fhirtypes";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { findDirectoryFacilities, findDirectoryFacility, type DirectoryFacilityRow } from "./directory-repository";

/** Public data only: the facility's name and where it is. */
export function toOrganization(row: DirectoryFacilityRow): Organization {
  return {
    resourceType: "Organization",
    id: row.facilityId,
    active: row.active,
    name: row.name,
    address: [{ ...(row.address ? { line: [row.address] } : {}), city: row.city }],
  };
}

/**
 * Facilities where at least one listed (verified, active) doctor works; readable without a token.
 * Not "every active facility": the API is a directory of doctors, and each PractitionerRole's organization
 * reference must resolve. So the set is exactly the facilities some PractitionerRole points at, including
 * a deactivated facility its doctors still list (shown with active=false, the admin's flag) rather than a
 * dangling reference; a facility nobody bookable works at has nothing for a client to use.
 */
export const organizationHandler: FhirResourceHandler = {
  type: "Organization",
  isPublic: true,
  searchParams: [
    { name: "_id", type: "token", documentation: "The organization's id." },
    { name: "name", type: "string", documentation: "Part of the facility's name (case-insensitive)." },
  ],
  async read(_call, id) {
    const row = isUuid(id) ? await findDirectoryFacility(id) : null;
    return row ? ok(toOrganization(row)) : fail("NOT_FOUND", `Organization/${id} is not known.`);
  },
  async search(_call, params, paging) {
    const id = params.get("_id");
    if (id !== null && !isUuid(id)) return ok({ matches: [], total: 0 });
    const { rows, total } = await findDirectoryFacilities({ ids: id === null ? undefined : [id], name: params.get("name") ?? undefined }, paging);
    return ok({ matches: rows.map(toOrganization), total });
  },
};
