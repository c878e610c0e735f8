import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { pageOf, pageSchema, pageWindow, searchQuerySchema, type PageDto } from "@/lib/pagination";
import { fail, ok, type Result } from "@/lib/result";
import { doctorAccess, type DoctorAccess } from "./doctor-access";
import { LedgerUnavailable } from "./ledger-check";
import { listGrantsForPatient, type GrantDto } from "./list-grants";
import { doctorKnowsPatient } from "./request-access";

export interface MyPatientDto {
  id: string;
  name: string;
  publicId: string;
  /** What the doctor may do with the patient's records right now. */
  access: DoctorAccess["permission"] | null;
  hasPendingRequest: boolean;
  nextVisit: Date | null;
}

const where = (doctorId: string, q?: string) => ({
  AND: [
    { OR: [{ appointments: { some: { doctorId } } }, { doctors: { some: { doctorId } } }, { accessGrants: { some: { doctorId, state: { in: ["ACTIVE" as const, "REQUESTED" as const] } } } }] },
    q ? { user: { name: { contains: q, mode: "insensitive" as const } } } : {},
  ],
});

/** The doctor's patients: anyone with a visit, an invitation link or a grant; 20 per page by name. */
export async function listMyPatients(actor: Actor | null, input: { q?: string; page?: string | number } = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<MyPatientDto>>> {
  const auth = await authorize(actor, "patient.list_own", undefined, context);
  if (!auth.ok) return auth;
  const { q, page } = z.object({ q: searchQuerySchema, page: pageSchema.default(1) }).parse(input);
  const doctorId = auth.actor.id;
  const total = await db().patientProfile.count({ where: where(doctorId, q) });
  const window = pageWindow(page, total);
  const now = new Date();
  const rows = await db().patientProfile.findMany({
    where: where(doctorId, q),
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      userId: true,
      publicId: true,
      user: { select: { name: true } },
      appointments: { where: { doctorId, status: "BOOKED", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
      accessGrants: { where: { doctorId, state: "REQUESTED" }, select: { id: true }, take: 1 },
    },
  });
  const items = await Promise.all(
    rows.map(async (row) => ({
      id: row.userId,
      name: row.user.name,
      publicId: row.publicId,
      // Fail closed: while the chain cannot be read, no patient shows access.
      access: (await doctorAccess(doctorId, row.userId, { now }).catch(() => null))?.permission ?? null,
      hasPendingRequest: row.accessGrants.length > 0,
      nextVisit: row.appointments[0]?.startsAt ?? null,
    })),
  );
  return ok(pageOf(items, window, total));
}

export interface PatientForDoctorDto {
  id: string;
  name: string;
  publicId: string;
  access: DoctorAccess["permission"] | null;
  /** The chain could not be read, so access is shown (and enforced) as none. */
  ledgerUnavailable: boolean;
  grants: GrantDto[];
  /** The doctor's upcoming or recent visits with the patient, to tie a request to. */
  visits: { id: string; startsAt: Date; endsAt: Date }[];
}

/** One of the doctor's patients: grants, open request and the visits a request can be tied to. */
export async function getPatientForDoctor(actor: Actor | null, patientId: string, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PatientForDoctorDto>> {
  const id = z.uuid().safeParse(patientId).success ? patientId : undefined;
  const known = actor && id ? (await doctorKnowsPatient(actor.id, id)) || (await db().accessGrant.count({ where: { doctorId: actor.id, patientId: id } })) > 0 : false;
  const auth = await authorize(actor, "patient.read_records", { ownerId: id, doctorId: known ? actor?.id : undefined, type: "patient", id }, context);
  if (!auth.ok) return auth;
  const profile = id ? await db().patientProfile.findUnique({ where: { userId: id }, select: { userId: true, publicId: true, user: { select: { name: true } } } }) : null;
  if (!profile) return fail("NOT_FOUND", "Not found.");
  const now = new Date();
  const [access, grants, visits] = await Promise.all([
    doctorAccess(auth.actor.id, profile.userId, { now }).catch((error: unknown) => (error instanceof LedgerUnavailable ? ("UNAVAILABLE" as const) : Promise.reject(error))),
    listGrantsForPatient(auth.actor, profile.userId),
    db().appointment.findMany({
      where: { doctorId: auth.actor.id, patientId: profile.userId, status: { not: "CANCELLED" }, endsAt: { gt: new Date(now.getTime() - 24 * 3_600_000) } },
      orderBy: { startsAt: "asc" },
      take: 10,
      select: { id: true, startsAt: true, endsAt: true },
    }),
  ]);
  const ledgerUnavailable = access === "UNAVAILABLE";
  return ok({ id: profile.userId, name: profile.user.name, publicId: profile.publicId, access: ledgerUnavailable ? null : (access?.permission ?? null), ledgerUnavailable, grants, visits });
}
