import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { appointmentInclude, toAppointmentDto, type AppointmentDto } from "./dtos";

const getAppointmentSchema = z.object({ appointmentId: z.uuid() });

/** One appointment, for its patient or its doctor (e.g. the reschedule page). Anyone else reads "not found". */
export async function getAppointment(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AppointmentDto>> {
  const parsed = getAppointmentSchema.safeParse(input);
  const row = parsed.success ? await db().appointment.findUnique({ where: { id: parsed.data.appointmentId }, include: appointmentInclude }) : null;
  const allowed = await authorize(actor, "appointment.read", { ownerId: row?.patientId ?? "none", doctorId: row?.doctorId ?? "none", type: "appointment", id: parsed.success ? parsed.data.appointmentId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!row) return fail("NOT_FOUND", "Not found.");
  return ok(toAppointmentDto(row));
}
