import "server-only";
import { randomBytes } from "node:crypto";
import { anchorCommitment, canonicalDigest } from "@/lib/anchors/commitment";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Prisma.TransactionClient;

/** What a grant's commitment covers: ids and the window only, never names or document contents. */
export interface GrantFacts {
  id: string;
  patientId: string;
  doctorId: string;
  permission: "READ" | "READ_WRITE";
  allDocuments: boolean;
  documentIds: string[];
  notBefore: Date;
  notAfter: Date;
}

/** The digest a grant's on-chain commitment is made of (salted in anchorCommitment). */
export function grantDigest(grant: GrantFacts): string {
  return canonicalDigest({
    v: 1,
    grant: grant.id,
    patient: grant.patientId,
    doctor: grant.doctorId,
    permission: grant.permission,
    documents: grant.allDocuments ? "*" : [...grant.documentIds].sort(),
    notBefore: grant.notBefore.toISOString(),
    notAfter: grant.notAfter.toISOString(),
  });
}

/**
 * Outbox row for a grant that just became active, written in the caller's transaction. The worker
 * anchors it with its window (setGrant); revoking or expiring later writes a row with the same anchorId.
 */
export async function recordGrantAnchor(tx: Tx, grant: GrantFacts): Promise<void> {
  const salt = `0x${randomBytes(32).toString("hex")}`;
  await tx.anchor.create({
    data: {
      kind: "GRANT",
      action: "RECORD",
      subjectId: grant.id,
      salt,
      commitment: anchorCommitment(grantDigest(grant), salt),
      anchorId: `0x${randomBytes(32).toString("hex")}`,
      validFrom: grant.notBefore,
      validUntil: grant.notAfter,
    },
  });
}

/** Outbox row ending an anchored grant (REVOKE on chain; EXPIRE is recorded for the ledger). */
export async function endGrantAnchor(tx: Tx, grantId: string, action: "REVOKE" | "EXPIRE"): Promise<void> {
  const recorded = await tx.anchor.findFirst({ where: { kind: "GRANT", subjectId: grantId, action: "RECORD" } });
  if (!recorded) return;
  await tx.anchor.create({
    data: {
      kind: "GRANT",
      action,
      subjectId: grantId,
      salt: recorded.salt,
      commitment: recorded.commitment,
      anchorId: recorded.anchorId,
      validFrom: recorded.validFrom,
      validUntil: recorded.validUntil,
    },
  });
}
