import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { findRules, findScheduleSettings, lockSchedule, replaceRules } from "./availability-repository";
import type { WeeklyRuleDto } from "./dtos";
import { authorizeOwnSchedule, scheduleNotFound } from "./own-schedule";
import { sortRules, validateWeeklyRules } from "./weekly-rules";

/**
 * Replaces the doctor's whole weekly schedule in one transaction: either every rule is valid and
 * stored, or nothing changes. Input: `{ rules: [{ weekday, start: "HH:MM", end: "HH:MM", slotMinutes, bufferMinutes }] }`;
 * field errors are keyed per row (`rules.2.end`). Booked appointments stay as they are.
 */
export async function replaceWeeklyRules(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<WeeklyRuleDto[]>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const validated = validateWeeklyRules(input);
  if (!validated.ok) return fail("VALIDATION", "Please correct the highlighted rows.", validated.fieldErrors);
  const doctorId = allowed.actor.id;
  if (!(await findScheduleSettings(doctorId))) return scheduleNotFound();

  const rules = await db().$transaction(async (tx) => {
    await lockSchedule(tx, doctorId);
    const previousCount = await replaceRules(tx, doctorId, sortRules(validated.rules));
    await recordAuditEvent(
      {
        actorId: doctorId,
        actorRole: allowed.actor.role,
        action: "availability.update",
        subjectType: "availability",
        subjectId: doctorId,
        outcome: "ALLOW",
        ip: context.ip,
        userAgent: context.userAgent,
        details: { ruleCount: validated.rules.length, previousRuleCount: previousCount },
      },
      tx,
    );
    return findRules(doctorId, tx);
  });
  return ok(rules);
}
