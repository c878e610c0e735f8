import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import { findExceptionsFrom, findRules, findScheduleSettings } from "./availability-repository";
import type { AvailabilityDto } from "./dtos";
import { authorizeOwnSchedule, scheduleNotFound, todayIn } from "./own-schedule";

/** The signed-in doctor's weekly hours, upcoming exceptions and booking settings, in their own zone. */
export async function getOwnAvailability(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AvailabilityDto>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const doctorId = allowed.actor.id;
  const settings = await findScheduleSettings(doctorId);
  if (!settings) return scheduleNotFound();
  const today = todayIn(settings.timeZone);
  const [rules, exceptions] = await Promise.all([findRules(doctorId), findExceptionsFrom(doctorId, today)]);
  return ok({ ...settings, today, rules, exceptions });
}
