import { z } from "zod";
import { VerificationState } from "@/lib/db/generated/enums";
import { SPECIALTIES } from "@/lib/accounts/license-rules";
import { pageSchema, searchQuerySchema } from "@/lib/pagination";
import { DECISION_TRANSITIONS, DOCTOR_DECISIONS } from "./transitions";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Filters come from the URL: an unknown state means "all states" rather than an error page. */
export const listDoctorApplicationsSchema = z.object({
  state: z.enum(VerificationState).optional().catch(undefined),
  query: searchQuerySchema,
  page: pageSchema,
});

export const doctorIdSchema = z.object({ doctorId: z.uuid() });

export const REASON_MIN = 5;
export const REASON_MAX = 500;

export const decideDoctorSchema = z
  .object({
    doctorId: z.uuid({ error: "Unknown doctor." }),
    decision: z.enum(DOCTOR_DECISIONS, { error: "Choose a decision." }),
    reason: z.preprocess(emptyAsUndefined, z.string().trim().max(REASON_MAX, `Keep the reason under ${REASON_MAX} characters.`).optional()),
  })
  .superRefine((value, ctx) => {
    if (!DECISION_TRANSITIONS[value.decision].reasonRequired) return;
    if (!value.reason) {
      const what = value.decision === "REJECT" ? "reject an application" : "suspend a doctor";
      ctx.addIssue({ code: "custom", path: ["reason"], message: `Give a reason to ${what}; the doctor will see it.` });
    } else if (value.reason.length < REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: `Give a reason of at least ${REASON_MIN} characters.` });
    }
  });

export const listVerifiedDoctorsSchema = z.object({
  query: searchQuerySchema,
  specialty: z.enum(SPECIALTIES).optional().catch(undefined),
  facilityId: z.uuid().optional().catch(undefined),
  page: pageSchema,
});

export type DecideDoctorInput = z.infer<typeof decideDoctorSchema>;
