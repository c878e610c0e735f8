import { fail } from "@/lib/result";

export const FACILITY_NOT_FOUND = "No facility with this id.";
export const DUPLICATE_FACILITY_MESSAGE = "A facility with this name already exists.";

export const facilityNotFound = () => fail("NOT_FOUND", FACILITY_NOT_FOUND);
export const duplicateFacilityName = () => fail("CONFLICT", DUPLICATE_FACILITY_MESSAGE, { name: [DUPLICATE_FACILITY_MESSAGE] });
