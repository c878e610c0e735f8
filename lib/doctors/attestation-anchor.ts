import "server-only";
import { randomBytes } from "node:crypto";
import { anchorCommitment, canonicalDigest } from "@/lib/anchors/commitment";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Prisma.TransactionClient;

/**
 * How long a verification attestation is valid on chain at most: a year, or less when the doctor's licence
 * ends sooner (the end of its last valid day). Re-verifying (reinstating) writes a new one.
 */
export const ATTESTATION_VALID_DAYS = 365;

/** When an attestation made at `verifiedAt` stops being valid. */
export function attestationValidUntil(verifiedAt: Date, licenseValidUntil: Date | null): Date {
  const yearLater = new Date(verifiedAt.getTime() + ATTESTATION_VALID_DAYS * 86_400_000);
  if (!licenseValidUntil) return yearLater;
  const licenceEnds = new Date(licenseValidUntil.getTime() + 86_400_000);
  return licenceEnds < yearLater ? licenceEnds : yearLater;
}

/**
 * Outbox row attesting a doctor's verification, in the caller's transaction. The commitment covers
 * only ids and times (salted), never the doctor's name or licence number. Each verification gets its
 * own on-chain id, since a revoked attestation can never be set again.
 */
export async function recordDoctorAttestation(tx: Tx, doctorId: string, verifiedAt: Date): Promise<void> {
  const profile = await tx.doctorProfile.findUniqueOrThrow({ where: { userId: doctorId }, select: { licenseValidUntil: true } });
  const validUntil = attestationValidUntil(verifiedAt, profile.licenseValidUntil);
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

/**
 * Worker task: an attestation whose window has passed (the licence expired, or its year is over) gets an
 * EXPIRE outbox row and an audit event, once. Nothing is sent on chain for it: the window written with
 * the attestation ends it there by itself; the row records the expiry in the ledger.
 */
export async function expireAttestations(now = new Date()): Promise<{ expired: number }> {
  const due = await db().anchor.findMany({ where: { kind: "ATTESTATION", action: "RECORD", validUntil: { lte: now } }, select: { anchorId: true }, take: 500 });
  let expired = 0;
  for (const { anchorId } of due) {
    const created = await db().$transaction(async (tx) => {
      const record = await tx.anchor.findFirst({ where: { anchorId, action: "RECORD" } });
      const ended = await tx.anchor.findFirst({ where: { anchorId, action: { in: ["REVOKE", "EXPIRE"] } }, select: { id: true } });
      if (!record || ended) return false;
      await tx.anchor.create({ data: { kind: "ATTESTATION", action: "EXPIRE", subjectId: record.subjectId, salt: record.salt, commitment: record.commitment, anchorId, validFrom: record.validFrom, validUntil: record.validUntil } });
      await recordAuditEvent({ action: "doctor.attestation_expired", subjectType: "user", subjectId: record.subjectId, outcome: "ALLOW", details: { validUntil: record.validUntil?.toISOString() ?? null } }, tx);
      return true;
    });
    if (created) expired += 1;
  }
  return { expired };
}
