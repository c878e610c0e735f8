import { z } from "zod";
import { pageSchema } from "@/lib/pagination";

export const facilityFieldsSchema = z.object({
  name: z.string({ error: "Enter the facility's name." }).trim().min(2, "Enter the facility's name (at least 2 characters).").max(120, "Use at most 120 characters."),
  city: z.string({ error: "Enter the city." }).trim().min(2, "Enter the city (at least 2 characters).").max(80, "Use at most 80 characters."),
  address: z.preprocess((v) => v ?? "", z.string().trim().max(300, "Use at most 300 characters.")),
});

export const facilityIdSchema = z.object({ facilityId: z.uuid() });

export const updateFacilitySchema = facilityFieldsSchema.extend({ facilityId: z.uuid({ error: "Unknown facility." }) });

/** Form checkboxes and URL flags arrive as strings. */
const booleanFlag = z.preprocess((v) => (typeof v === "string" ? v === "true" || v === "on" || v === "1" : v), z.boolean());

export const setFacilityActiveSchema = z.object({ facilityId: z.uuid({ error: "Unknown facility." }), active: booleanFlag });

export const listFacilitiesSchema = z.object({ includeInactive: booleanFlag.catch(false).default(false), page: pageSchema });
