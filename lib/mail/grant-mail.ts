import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { queueMail } from "./outbox";

type Tx = Prisma.TransactionClient;

/**
 * Mails about an access grant, queued in the caller's transaction. A request goes to the patient and
 * names the asking doctor; the answers go to the doctor with no patient name. The request's reason
 * and the documents in scope are never in a mail.
 */
export async function queueGrantMail(tx: Tx, template: "access.requested" | "access.approved" | "access.denied" | "access.revoked", grant: { id: string; patientId: string; doctorId: string }): Promise<number> {
  if (template === "access.requested") {
    const doctor = await tx.user.findUniqueOrThrow({ where: { id: grant.doctorId }, select: { name: true } });
    return queueMail(tx, [{ template, userId: grant.patientId, subjectId: grant.id, data: { grantId: grant.id, doctorName: doctor.name } }]);
  }
  return queueMail(tx, [{ template, userId: grant.doctorId, subjectId: grant.id, data: { grantId: grant.id } }]);
}
