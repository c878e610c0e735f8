import { z } from "zod";

export const REASON_MAX_LENGTH = 500;

const isoInstant = z.iso.datetime({ offset: true, error: "Choose a time from the list." }).transform((value) => new Date(value));

export const bookAppointmentSchema = z.object({
  doctorId: z.uuid({ error: "Choose a doctor." }),
  startsAt: isoInstant,
  endsAt: isoInstant,
  reason: z.preprocess((v) => v ?? "", z.string().trim().max(REASON_MAX_LENGTH, `Keep the reason under ${REASON_MAX_LENGTH} characters.`)),
  idempotencyKey: z.uuid({ error: "This form is out of date: reload the page." }),
});

export const rescheduleAppointmentSchema = z.object({
  appointmentId: z.uuid(),
  startsAt: isoInstant,
  endsAt: isoInstant,
});

export const cancelAppointmentSchema = z.object({
  appointmentId: z.uuid(),
  reason: z.preprocess((v) => v ?? "", z.string().trim().max(REASON_MAX_LENGTH, `Keep the reason under ${REASON_MAX_LENGTH} characters.`)),
});

export const listSlotsSchema = z.object({
  doctorId: z.uuid(),
  days: z.coerce.number().int().min(1).max(62).default(14),
});
