import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { GrantStateValue } from "@/lib/grants/grant-window";
import type { Paging } from "../paging";

export interface GrantFilter {
  patientId?: string;
  doctorId?: string;
  ids?: string[];
  /** States as users see them (lib/grants/grant-window displayedState): an ACTIVE row past its window is EXPIRED. */
  states?: GrantStateValue[];
}

function displayedStateWhere(state: GrantStateValue, now: Date): Prisma.AccessGrantWhereInput {
  if (state === "ACTIVE") return { state: "ACTIVE", notAfter: { gt: now } };
  if (state === "EXPIRED") return { OR: [{ state: "EXPIRED" }, { state: "ACTIVE", notAfter: { lte: now } }] };
  return { state };
}

const select = {
  id: true,
  patientId: true,
  doctorId: true,
  allDocuments: true,
  permission: true,
  state: true,
  notBefore: true,
  notAfter: true,
  decidedAt: true,
  createdAt: true,
  // A deleted document stays listed in the grant's history but is never readable: leave it out, as the app does.
  documents: { where: { document: { state: { not: "DELETED" } } }, select: { documentId: true } },
} satisfies Prisma.AccessGrantSelect;

export type ConsentGrantRow = Prisma.AccessGrantGetPayload<{ select: typeof select }>;

/** A page of grants on one party's records (patientId) or given to one doctor (doctorId), newest first. */
export async function findGrants(filter: GrantFilter & ({ patientId: string } | { doctorId: string }), now: Date, paging: Paging): Promise<{ rows: ConsentGrantRow[]; total: number }> {
  const where: Prisma.AccessGrantWhereInput = {
    ...(filter.patientId ? { patientId: filter.patientId } : {}),
    ...(filter.doctorId ? { doctorId: filter.doctorId } : {}),
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
    ...(filter.states ? { OR: filter.states.map((state) => displayedStateWhere(state, now)) } : {}),
  };
  const [total, rows] = await Promise.all([
    db().accessGrant.count({ where }),
    paging.count === 0 ? [] : db().accessGrant.findMany({ where, select, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows, total };
}

export async function findGrant(id: string): Promise<ConsentGrantRow | null> {
  return db().accessGrant.findUnique({ where: { id }, select });
}
