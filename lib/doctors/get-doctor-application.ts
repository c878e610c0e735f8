import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { findApplication } from "./doctor-repository";
import type { DoctorApplicationDto } from "./dtos";
import { doctorIdSchema } from "./schemas";

const NOT_FOUND_MESSAGE = "No doctor application with this id.";

/** Everything an administrator needs to decide on one application, including the last decision. */
export async function getDoctorApplication(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DoctorApplicationDto>> {
  const parsed = doctorIdSchema.safeParse(input);
  const allowed = await authorize(actor, "doctor.read_application", { type: "user", id: parsed.success ? parsed.data.doctorId : undefined }, context);
  if (!allowed.ok) return allowed;
  // A malformed id is just another id that does not exist.
  if (!parsed.success) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  const application = await findApplication(parsed.data.doctorId);
  return application ? ok(application) : fail("NOT_FOUND", NOT_FOUND_MESSAGE);
}
