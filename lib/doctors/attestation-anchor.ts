import "server-only";
import { randomBytes } from "node:crypto";
import { anchorCommitment, canonicalDigest } from "@/lib/anchors/commitment";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Prisma.TransactionClient;

/**
 * How long a verification attestation is valid on chain. There is no credential expiry date on a
 * doctor's profile yet, so verification is attested for a year; re-verifying (reinstating) writes a new one.
 */
export const ATTESTATION_VALID_DAYS = 365;

/**
 * Outbox row attesting a doctor's verification, in the caller's transaction. The commitment covers
 * only ids and times (salted), never the doctor's name or licence number. Each verification gets its
 * own on-chain id, since a revoked attestation can never be set again.
 */
export async function recordDoctorAttestation(tx: Tx, doctorId: string, verifiedAt: Date): Promise<void> {
  const validUntil = new Date(verifiedAt.getTime() + ATTESTATION_VALID_DAYS * 86_400_000);
  const salt = `0x${randomBytes(32).toString("hex")}`;
  const digest = canonicalDigest({ v: 1, attestation: "doctor-verified", doctor: doctorId, verifiedAt: verifiedAt.toISOString(), validUntil: validUntil.toISOString() });
  await tx.anchor.create({
    data: { kind: "ATTESTATION", action: "RECORD", subjectId: doctorId, salt, commitment: anchorCommitment(digest, salt), anchorId: `0x${randomBytes(32).toString("hex")}`, validFrom: verifiedAt, validUntil },
  });
}

/** Outbox row revoking the doctor's latest attestation (suspension), if there is one not yet revoked. */
export async function revokeDoctorAttestation(tx: Tx, doctorId: string): Promise<void> {
  const latest = await tx.anchor.findFirst({ where: { kind: "ATTESTATION", action: "RECORD", subjectId: doctorId }, orderBy: { createdAt: "desc" } });
  if (!latest) return;
  const revoked = await tx.anchor.findFirst({ where: { anchorId: latest.anchorId, action: "REVOKE" }, select: { id: true } });
  if (revoked) return;
  await tx.anchor.create({
    data: { kind: "ATTESTATION", action: "REVOKE", subjectId: doctorId, salt: latest.salt, commitment: latest.commitment, anchorId: latest.anchorId, validFrom: latest.validFrom, validUntil: latest.validUntil },
  });
}
