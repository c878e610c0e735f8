import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DateException, Slot, WeeklyRule } from "@/lib/appointments/compute-slots";
import type { AvailabilityExceptionDto, WeeklyRuleDto } from "./dtos";
import type { ExceptionInput } from "./exception-input";
import { formatTimeOfDay } from "./time-of-day";

/** The only place availability touches Prisma. Dates (`DATE` columns) travel as "YYYY-MM-DD" keys. */
type Tx = Prisma.TransactionClient;

export interface DoctorScheduleSettings {
  timeZone: string;
  minNoticeMinutes: number;
  horizonDays: number;
}

const dateOfKey = (key: string) => new Date(`${key}T00:00:00Z`);
const keyOfDate = (date: Date) => date.toISOString().slice(0, 10);

type RuleRow = Prisma.AvailabilityRuleGetPayload<object>;
type ExceptionRow = Prisma.AvailabilityExceptionGetPayload<object>;

function toRuleDto(row: RuleRow): WeeklyRuleDto {
  return { id: row.id, weekday: row.weekday, start: formatTimeOfDay(row.startMinute), end: formatTimeOfDay(row.endMinute), slotMinutes: row.slotMinutes, bufferMinutes: row.bufferMinutes };
}

function toExceptionDto(row: ExceptionRow): AvailabilityExceptionDto {
  const common = { id: row.id, date: keyOfDate(row.date), note: row.note };
  if (row.kind === "DAY_OFF") return { ...common, kind: "DAY_OFF" };
  return {
    ...common,
    kind: "EXTRA_HOURS",
    start: formatTimeOfDay(row.startMinute ?? 0),
    end: formatTimeOfDay(row.endMinute ?? 0),
    slotMinutes: row.slotMinutes ?? 0,
    bufferMinutes: row.bufferMinutes ?? 0,
  };
}

const ruleOrder = [{ weekday: "asc" }, { startMinute: "asc" }] satisfies Prisma.AvailabilityRuleOrderByWithRelationInput[];
const exceptionOrder = [{ date: "asc" }, { kind: "asc" }, { startMinute: "asc" }] satisfies Prisma.AvailabilityExceptionOrderByWithRelationInput[];

export async function findScheduleSettings(doctorId: string, tx: Tx = db()): Promise<DoctorScheduleSettings | null> {
  return tx.doctorProfile.findUnique({ where: { userId: doctorId }, select: { timeZone: true, minNoticeMinutes: true, horizonDays: true } });
}

/**
 * Takes the doctor's profile row lock for the rest of the transaction, so concurrent edits of one
 * doctor's schedule (two tabs saving rules, two identical days off) run one after the other and each
 * sees what the other wrote.
 */
export async function lockSchedule(tx: Tx, doctorId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM doctor_profiles WHERE user_id = ${doctorId}::uuid FOR UPDATE`;
}

export async function findRules(doctorId: string, tx: Tx = db()): Promise<WeeklyRuleDto[]> {
  const rows = await tx.availabilityRule.findMany({ where: { doctorId }, orderBy: ruleOrder });
  return rows.map(toRuleDto);
}

/** Exceptions dated `fromDate` or later. */
export async function findExceptionsFrom(doctorId: string, fromDate: string, tx: Tx = db()): Promise<AvailabilityExceptionDto[]> {
  const rows = await tx.availabilityException.findMany({ where: { doctorId, date: { gte: dateOfKey(fromDate) } }, orderBy: exceptionOrder });
  return rows.map(toExceptionDto);
}

function toDateException(row: ExceptionRow): DateException {
  const date = keyOfDate(row.date);
  if (row.kind === "DAY_OFF") return { date, kind: "DAY_OFF" };
  return { date, kind: "EXTRA_HOURS", startMinute: row.startMinute ?? 0, endMinute: row.endMinute ?? 0, slotMinutes: row.slotMinutes ?? 0, bufferMinutes: row.bufferMinutes ?? 0 };
}

/** The weekly rules in the slot engine's terms (minutes after local midnight). */
export async function findWeeklyRules(doctorId: string, tx: Tx = db()): Promise<WeeklyRule[]> {
  return tx.availabilityRule.findMany({
    where: { doctorId },
    orderBy: ruleOrder,
    select: { weekday: true, startMinute: true, endMinute: true, slotMinutes: true, bufferMinutes: true },
  });
}

/** Exceptions dated `fromDate` or later, in the slot engine's terms. */
export async function findDateExceptionsFrom(doctorId: string, fromDate: string, tx: Tx = db()): Promise<DateException[]> {
  const rows = await tx.availabilityException.findMany({ where: { doctorId, date: { gte: dateOfKey(fromDate) } }, orderBy: exceptionOrder });
  return rows.map(toDateException);
}

export async function findDateExceptionsOn(tx: Tx, doctorId: string, date: string): Promise<DateException[]> {
  const rows = await tx.availabilityException.findMany({ where: { doctorId, date: dateOfKey(date) }, orderBy: exceptionOrder });
  return rows.map(toDateException);
}

export async function countExceptionsFrom(tx: Tx, doctorId: string, fromDate: string): Promise<number> {
  return tx.availabilityException.count({ where: { doctorId, date: { gte: dateOfKey(fromDate) } } });
}

/** Deletes all of the doctor's weekly rules and stores `rules` instead; returns how many there were. */
export async function replaceRules(tx: Tx, doctorId: string, rules: WeeklyRule[]): Promise<number> {
  const { count } = await tx.availabilityRule.deleteMany({ where: { doctorId } });
  if (rules.length) await tx.availabilityRule.createMany({ data: rules.map((rule) => ({ doctorId, ...rule })) });
  return count;
}

export async function insertException(tx: Tx, doctorId: string, exception: ExceptionInput): Promise<AvailabilityExceptionDto> {
  const window =
    exception.kind === "EXTRA_HOURS"
      ? { startMinute: exception.startMinute, endMinute: exception.endMinute, slotMinutes: exception.slotMinutes, bufferMinutes: exception.bufferMinutes }
      : {};
  const row = await tx.availabilityException.create({ data: { doctorId, date: dateOfKey(exception.date), kind: exception.kind, note: exception.note, ...window } });
  return toExceptionDto(row);
}

/** Whose exception this is, or null when there is no such exception. */
export async function findExceptionOwner(exceptionId: string): Promise<{ doctorId: string; kind: string; date: string } | null> {
  const row = await db().availabilityException.findUnique({ where: { id: exceptionId }, select: { doctorId: true, kind: true, date: true } });
  return row ? { doctorId: row.doctorId, kind: row.kind, date: keyOfDate(row.date) } : null;
}

/** Deletes the exception only if it is the doctor's; false when it was already gone. */
export async function deleteException(tx: Tx, doctorId: string, exceptionId: string): Promise<boolean> {
  const { count } = await tx.availabilityException.deleteMany({ where: { id: exceptionId, doctorId } });
  return count === 1;
}

export async function updateSettings(tx: Tx, doctorId: string, settings: { minNoticeMinutes: number; horizonDays: number }): Promise<void> {
  await tx.doctorProfile.update({ where: { userId: doctorId }, data: settings });
}

/** The doctor's BOOKED appointments overlapping [from, to): time patients can no longer book. */
export async function findBookedRanges(doctorId: string, from: Date, to: Date): Promise<Slot[]> {
  return db().appointment.findMany({ where: { doctorId, status: "BOOKED", startsAt: { lt: to }, endsAt: { gt: from } }, select: { startsAt: true, endsAt: true } });
}
