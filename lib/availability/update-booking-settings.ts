import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { findScheduleSettings, lockSchedule, updateSettings } from "./availability-repository";
import type { BookingSettingsDto } from "./dtos";
import { authorizeOwnSchedule, scheduleNotFound, VALIDATION_MESSAGE } from "./own-schedule";
import { bookingSettingsSchema, fieldErrorsAt } from "./schemas";

/**
 * Minimum notice (0 minutes to 7 days) and booking horizon (1 to 365 days) for new bookings;
 * appointments already booked are not affected. Saving the same values again writes no audit event.
 */
export async function updateBookingSettings(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<BookingSettingsDto>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const parsed = bookingSettingsSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", VALIDATION_MESSAGE, fieldErrorsAt(parsed.error));
  const doctorId = allowed.actor.id;
  const settings = parsed.data;

  const before = await db().$transaction(async (tx) => {
    await lockSchedule(tx, doctorId);
    const previous = await findScheduleSettings(doctorId, tx);
    if (!previous) return null;
    const changed = (["minNoticeMinutes", "horizonDays"] as const).filter((key) => previous[key] !== settings[key]);
    if (!changed.length) return previous;
    await updateSettings(tx, doctorId, settings);
    await recordAuditEvent(
      {
        actorId: doctorId,
        actorRole: allowed.actor.role,
        action: "availability.settings.update",
        subjectType: "availability",
        subjectId: doctorId,
        outcome: "ALLOW",
        ip: context.ip,
        userAgent: context.userAgent,
        details: { changed: changed.join(","), minNoticeMinutes: settings.minNoticeMinutes, horizonDays: settings.horizonDays },
      },
      tx,
    );
    return previous;
  });
  return before ? ok(settings) : scheduleNotFound();
}
