import "server-only";
import { computeFreeSlots } from "@/lib/appointments/compute-slots";
import { addDays, localDateKey, wallClock, zonedToUtc, type LocalDate } from "@/lib/appointments/zoned-time";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { findBookedRanges, findDateExceptionsFrom, findScheduleSettings, findWeeklyRules } from "./availability-repository";
import type { PreviewDayDto, PreviewSlotDto, SlotPreviewDto } from "./dtos";
import { authorizeOwnSchedule, scheduleNotFound, VALIDATION_MESSAGE } from "./own-schedule";
import { fieldErrorsAt, previewSlotsSchema } from "./schemas";
import { formatTimeOfDay } from "./time-of-day";

/** The UTC instant a local day starts (01:00 where clocks skip midnight). */
const startOfDay = (date: LocalDate, timeZone: string) => zonedToUtc(date, 0, timeZone) ?? zonedToUtc(date, 60, timeZone)!;

/**
 * The doctor's free slots for the next `days` local days (default 7), computed by the same engine and
 * from the same data patients book against: weekly rules, exceptions, minimum notice, horizon, and
 * BOOKED appointments as busy time. Grouped by local day, with times in the doctor's zone.
 */
export async function previewSlots(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<SlotPreviewDto>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const parsed = previewSlotsSchema.safeParse(input ?? {});
  if (!parsed.success) return fail("VALIDATION", VALIDATION_MESSAGE, fieldErrorsAt(parsed.error));
  const doctorId = allowed.actor.id;
  const settings = await findScheduleSettings(doctorId);
  if (!settings) return scheduleNotFound();
  const { timeZone } = settings;

  const now = new Date();
  const today = wallClock(now, timeZone);
  const end = startOfDay(addDays(today, parsed.data.days), timeZone);
  const [rules, exceptions, busy] = await Promise.all([
    findWeeklyRules(doctorId),
    // From yesterday: the engine starts a day early so slots just after local midnight are not missed.
    findDateExceptionsFrom(doctorId, localDateKey(addDays(today, -1))),
    findBookedRanges(doctorId, now, end),
  ]);
  const slots = computeFreeSlots({ timeZone, rules, exceptions, busy, now, minNoticeMinutes: settings.minNoticeMinutes, horizonDays: settings.horizonDays, from: now, to: end });

  const byDay = new Map<string, PreviewSlotDto[]>();
  for (const slot of slots) {
    const local = wallClock(slot.startsAt, timeZone);
    const key = localDateKey(local);
    const list = byDay.get(key) ?? [];
    list.push({ startsAt: slot.startsAt, endsAt: slot.endsAt, start: formatTimeOfDay(local.minuteOfDay), end: formatTimeOfDay(wallClock(slot.endsAt, timeZone).minuteOfDay) });
    byDay.set(key, list);
  }
  const days: PreviewDayDto[] = Array.from({ length: parsed.data.days }, (_, offset) => {
    const date = localDateKey(addDays(today, offset));
    return { date, dayOff: exceptions.some((e) => e.date === date && e.kind === "DAY_OFF"), slots: byDay.get(date) ?? [] };
  });
  return ok({ timeZone, days });
}
