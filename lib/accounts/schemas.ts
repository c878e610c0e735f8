import { z } from "zod";
import { JURISDICTION_CODES, SPECIALTIES, licenseNumberProblem, normalizeLicenseNumber } from "./license-rules";
import { passwordProblem } from "@/lib/auth/password-policy";

const validTimeZones = new Set(Intl.supportedValuesOf("timeZone"));
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

const nameSchema = z.string({ error: "Enter your full name." }).trim().min(2, "Enter your full name.").max(120, "Use at most 120 characters.");

const dateOfBirthSchema = z
  .string({ error: "Enter your date of birth." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter your date of birth.", abort: true })
  // new Date() rolls 2001-02-30 over to 2 March: only a date that reads back unchanged is real.
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: "Enter a real date.", abort: true })
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((date) => date.getTime() <= Date.now(), "Date of birth can't be in the future.")
  .refine((date) => date.getUTCFullYear() >= 1900, "Enter a date after 1900.");

const phoneSchema = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, "Enter a phone number with digits, spaces or dashes, optionally starting with +.")
    .optional(),
);

const baseAccount = z.object({
  name: nameSchema,
  email: emailSchema,
  password: z.string({ error: "Choose a password." }),
  dateOfBirth: dateOfBirthSchema,
  phone: phoneSchema,
});

/** Cross-field rule: the password must not be guessable from the person's own name and email. */
function checkPassword(value: { password: string; name?: unknown; email?: unknown }, ctx: z.RefinementCtx) {
  const words = [value.name, value.email].filter((w): w is string => typeof w === "string");
  const problem = passwordProblem(value.password, words);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
}

/**
 * Cross-field checks also run when other fields are invalid, so every message shows after the first
 * submit instead of in rounds. They need only their own inputs to be well-formed.
 */
const whenPasswordGiven = { when: (payload: { value: unknown }) => typeof (payload.value as { password?: unknown })?.password === "string" };
const whenLicenseGiven = {
  when: (payload: { value: unknown }) => {
    const value = payload.value as { licenseJurisdiction?: unknown; licenseNumber?: unknown };
    return typeof value?.licenseNumber === "string" && (JURISDICTION_CODES as readonly unknown[]).includes(value.licenseJurisdiction);
  },
};

export const patientRegistrationSchema = baseAccount
  .extend({ invitationToken: z.preprocess(emptyAsUndefined, z.string().max(200).optional()) })
  .superRefine(checkPassword, whenPasswordGiven);

/** What a doctor states about their practice; also edited on its own when re-applying. */
const practiceFields = z.object({
  specialty: z.enum(SPECIALTIES, { error: "Choose your specialty." }),
  licenseJurisdiction: z.enum(JURISDICTION_CODES, { error: "Choose the jurisdiction that issued your license." }),
  licenseNumber: z.string({ error: "Enter your license number." }).transform(normalizeLicenseNumber),
  licenseValidUntil: z.preprocess(
    emptyAsUndefined,
    z.iso
      .date("Enter a valid date.")
      .refine((day) => day > new Date().toISOString().slice(0, 10), "A license that has expired cannot be verified.")
      .optional(),
  ),
  facilityId: z.uuid({ error: "Choose your facility." }),
  timeZone: z.string({ error: "Choose your time zone." }).refine((tz) => validTimeZones.has(tz), "Choose a valid time zone."),
  bio: z.preprocess((v) => v ?? "", z.string().trim().max(1000, "Keep the bio under 1000 characters.")),
});

function checkLicense(value: { licenseJurisdiction: (typeof JURISDICTION_CODES)[number]; licenseNumber: string }, ctx: z.RefinementCtx) {
  const problem = licenseNumberProblem(value.licenseJurisdiction, normalizeLicenseNumber(value.licenseNumber));
  if (problem) ctx.addIssue({ code: "custom", path: ["licenseNumber"], message: problem });
}

export const practiceSchema = practiceFields.superRefine(checkLicense, whenLicenseGiven);

export const doctorApplicationSchema = baseAccount.extend(practiceFields.shape).superRefine(checkPassword, whenPasswordGiven).superRefine(checkLicense, whenLicenseGiven);

export type PatientRegistration = z.infer<typeof patientRegistrationSchema>;
export type DoctorApplication = z.infer<typeof doctorApplicationSchema>;

/** zod issues → `{ field: [messages] }` for forms. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
