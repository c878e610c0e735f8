import "server-only";
import { db } from "@/lib/db/client";
import type { DateException, WeeklyRule } from "@/lib/appointments/compute-slots";
import { isoWeekday, parseLocalDateKey } from "@/lib/appointments/zoned-time";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { countExceptionsFrom, findDateExceptionsOn, findScheduleSettings, findWeeklyRules, insertException, lockSchedule } from "./availability-repository";
import type { AvailabilityExceptionDto } from "./dtos";
import { validateException, type ExceptionInput } from "./exception-input";
import { formatDateKey, weekdayName } from "./labels";
import { MAX_UPCOMING_EXCEPTIONS } from "./limits";
import { authorizeOwnSchedule, scheduleNotFound, todayIn, VALIDATION_MESSAGE } from "./own-schedule";
import { formatTimeOfDay } from "./time-of-day";

type Refusal = ReturnType<typeof fail>;

const span = (w: { startMinute: number; endMinute: number }) => `${formatTimeOfDay(w.startMinute)}–${formatTimeOfDay(w.endMinute)}`;
const overlaps = (a: { startMinute: number; endMinute: number }, b: { startMinute: number; endMinute: number }) => a.startMinute < b.endMinute && b.startMinute < a.endMinute;

/**
 * Adds a day off or extra hours on one date in the doctor's calendar: today or later (in the doctor's
 * zone), at most a year ahead. Refuses, as CONFLICT, a second day off on the same date and extra
 * hours overlapping other extra hours or the weekly hours that still apply that day.
 */
export async function addException(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AvailabilityExceptionDto>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const doctorId = allowed.actor.id;
  const settings = await findScheduleSettings(doctorId);
  if (!settings) return scheduleNotFound();
  const today = todayIn(settings.timeZone);
  const validated = validateException(input, today);
  if (!validated.ok) return fail("VALIDATION", VALIDATION_MESSAGE, validated.fieldErrors);
  const exception = validated.exception;

  return db().$transaction(async (tx): Promise<Result<AvailabilityExceptionDto>> => {
    await lockSchedule(tx, doctorId);
    if ((await countExceptionsFrom(tx, doctorId, today)) >= MAX_UPCOMING_EXCEPTIONS) {
      return fail("VALIDATION", `You have ${MAX_UPCOMING_EXCEPTIONS} upcoming exceptions, the most allowed: remove some before adding more.`);
    }
    const clash = conflictWith(exception, await findDateExceptionsOn(tx, doctorId, exception.date), await findWeeklyRules(doctorId, tx));
    if (clash) return clash;
    const created = await insertException(tx, doctorId, exception);
    await recordAuditEvent(
      {
        actorId: doctorId,
        actorRole: allowed.actor.role,
        action: "availability.exception.add",
        subjectType: "availability_exception",
        subjectId: created.id,
        outcome: "ALLOW",
        ip: context.ip,
        userAgent: context.userAgent,
        details: { kind: exception.kind, date: exception.date },
      },
      tx,
    );
    return ok(created);
  });
}

function conflictWith(exception: ExceptionInput, sameDay: DateException[], weekly: WeeklyRule[]): Refusal | null {
  const dayOff = sameDay.some((e) => e.kind === "DAY_OFF");
  if (exception.kind === "DAY_OFF") {
    if (!dayOff) return null;
    const message = `You already have a day off on ${formatDateKey(exception.date)}.`;
    return fail("CONFLICT", message, { date: [message] });
  }
  for (const other of sameDay) {
    if (other.kind === "EXTRA_HOURS" && overlaps(exception, other)) {
      const message = `Overlaps extra hours you already added on ${formatDateKey(exception.date)} (${span(other)}).`;
      return fail("CONFLICT", message, { start: [message] });
    }
  }
  if (dayOff) return null;
  const weekday = isoWeekday(parseLocalDateKey(exception.date));
  const rule = weekly.find((r) => r.weekday === weekday && overlaps(exception, r));
  if (!rule) return null;
  const message = `Overlaps your weekly hours on ${weekdayName(weekday)}s (${span(rule)}). Extra hours must fall outside them.`;
  return fail("CONFLICT", message, { start: [message] });
}
