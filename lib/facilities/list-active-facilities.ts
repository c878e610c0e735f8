import "server-only";
import { db } from "@/lib/db/client";

export interface FacilityOptionDto {
  id: string;
  name: string;
  city: string;
}

/** Public list for the doctor application form: active facilities only, by name. */
export async function listActiveFacilities(): Promise<FacilityOptionDto[]> {
  return db().facility.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, city: true } });
}
