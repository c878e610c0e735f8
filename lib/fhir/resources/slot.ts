import "server-only";
import type { Slot as FhirSlot } from "@medplum/fhirtypes";
import { findBookableDoctor, findBusyRanges } from "@/lib/appointments/appointment-repository";
import { computeFreeSlots, type Slot } from "@/lib/appointments/compute-slots";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { fail, ok, type Result } from "@/lib/result";
import type { FhirCall, FhirResourceHandler } from "../handler";
import { parseDateBounds, referenceId, tokenCode } from "../search-params";

const DAY_MS = 24 * 3_600_000;
const DEFAULT_RANGE_DAYS = 7;
const MAX_RANGE_DAYS = 31;
/** The longest slot a window can hold: a slot read back by id is looked for within this much of its start. */
const MAX_SLOT_MS = DAY_MS;
const SLOT_STATUS_CODES = new Set(["busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"]);

/**
 * Slots are computed, not stored, so the id says what they are: `<doctor id>.<start in epoch minutes>`
 * (≤ 47 characters of [0-9a-f-.]). Reading one back recomputes the doctor's free slots around that start:
 * a slot booked since reads as not found.
 */
const slotId = (doctorId: string, slot: Slot) => `${doctorId}.${Math.round(slot.startsAt.getTime() / 60_000)}`;
const SLOT_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,10})$/;

function toSlot(doctorId: string, slot: Slot): FhirSlot {
  return {
    resourceType: "Slot",
    id: slotId(doctorId, slot),
    schedule: { reference: `Schedule/${doctorId}` },
    status: "free",
    start: slot.startsAt.toISOString(),
    end: slot.endsAt.toISOString(),
  };
}

/** Patients see any bookable doctor's free slots (they book them); doctors only their own. */
function mayReadSlots(call: FhirCall, actor: Actor, doctorId: string) {
  return actor.role === "PATIENT"
    ? authorize(actor, "appointment.list_slots", { type: "doctor", id: doctorId }, call.context)
    : authorize(actor, "availability.manage_own", { ownerId: doctorId, type: "doctor", id: doctorId }, call.context);
}

/** The doctor's free slots starting in [from, to), by the app's own slot rules; null for a doctor nobody can book. */
async function freeSlots(doctorId: string, from: Date, to: Date): Promise<Slot[] | null> {
  const doctor = await findBookableDoctor(doctorId);
  if (!doctor) return null;
  const now = new Date();
  const busy = await findBusyRanges(doctor.userId, from, new Date(to.getTime() + MAX_SLOT_MS));
  const slots = computeFreeSlots({ timeZone: doctor.timeZone, rules: doctor.rules, exceptions: doctor.exceptions, busy, now, minNoticeMinutes: doctor.minNoticeMinutes, horizonDays: doctor.horizonDays, from, to: new Date(to.getTime() + MAX_SLOT_MS) });
  return slots.filter((slot) => slot.startsAt < to);
}

function searchRange(params: URLSearchParams): Result<{ from: Date; to: Date }> {
  const bounds = parseDateBounds(params.getAll("start"), "start");
  if (!bounds.ok) return bounds;
  const now = new Date();
  const from = bounds.value.after && bounds.value.after > now ? bounds.value.after : now;
  const to = bounds.value.before ?? new Date(from.getTime() + DEFAULT_RANGE_DAYS * DAY_MS);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) return fail("VALIDATION", `start may span at most ${MAX_RANGE_DAYS} days.`);
  return ok({ from, to });
}

export const slotHandler: FhirResourceHandler = {
  type: "Slot",
  isPublic: false,
  searchParams: [
    { name: "schedule", type: "reference", documentation: "Required: Schedule/<id>, one per practitioner with the practitioner's id." },
    { name: "start", type: "date", documentation: `Slot start range with ge/gt/le/lt/eq prefixes; from now for ${DEFAULT_RANGE_DAYS} days unless given, at most ${MAX_RANGE_DAYS} days.` },
    { name: "status", type: "token", documentation: "Only free slots are listed." },
  ],
  async read(call, id) {
    const match = SLOT_ID.exec(id);
    const hidden = fail("NOT_FOUND", `Slot/${id} is not known.`);
    if (!match) return hidden;
    const doctorId = match[1]!;
    const start = new Date(Number(match[2]) * 60_000);
    const allowed = await mayReadSlots(call, call.actor!, doctorId);
    if (!allowed.ok) return allowed;
    const slot = (await freeSlots(doctorId, start, new Date(start.getTime() + 60_000)))?.find((s) => s.startsAt.getTime() === start.getTime());
    return slot ? ok(toSlot(doctorId, slot)) : hidden;
  },
  async search(call, params, paging) {
    const schedule = params.get("schedule");
    if (schedule === null) return fail("VALIDATION", "Slot search needs schedule=Schedule/<practitioner id>.");
    const codes = params.getAll("status").flatMap((value) => value.split(",")).map(tokenCode);
    if (codes.some((code) => !SLOT_STATUS_CODES.has(code))) return fail("VALIDATION", "status must be a SlotStatus code such as free.");
    const range = searchRange(params);
    if (!range.ok) return range;
    const doctorId = referenceId(schedule, "Schedule");
    if (doctorId === null) return ok({ matches: [], total: 0 });
    const allowed = await mayReadSlots(call, call.actor!, doctorId);
    if (!allowed.ok) return allowed;
    const slots = codes.length === 0 || codes.includes("free") ? ((await freeSlots(doctorId, range.value.from, range.value.to)) ?? []) : [];
    return ok({ matches: slots.slice(paging.offset, paging.offset + paging.count).map((slot) => toSlot(doctorId, slot)), total: slots.length });
  },
};
