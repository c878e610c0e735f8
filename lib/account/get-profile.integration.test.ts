/** The account page's data: one DTO per role, nothing the page should not show. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { newPatientPublicId } from "@/lib/accounts/public-id";
import type { Actor } from "@/lib/authz/actor";
import { getOwnProfile } from "./get-profile";

const actorFor = (id: string, role: Actor["role"], verification: Actor["verification"] = null): Actor => ({ id, role, status: "ACTIVE", verification, mfaEnabled: false, sessionVersion: 1 });

describe("getOwnProfile", () => {
  it("shows a patient their public identifier", async () => {
    const publicId = newPatientPublicId();
    const user = await db().user.create({
      data: { email: `profile-${randomUUID()}@example.test`, name: "Ada Patient", role: "PATIENT", patientProfile: { create: { publicId, dateOfBirth: new Date("1990-05-01") } } },
    });
    const result = await getOwnProfile(actorFor(user.id, "PATIENT"));
    expect(result).toEqual({
      ok: true,
      value: { name: "Ada Patient", email: user.email, role: "PATIENT", createdAt: user.createdAt, publicId, mfaEnabled: false, mfaEnabledAt: null, recoveryCodesLeft: 0 },
    });
  });

  it("shows a doctor their practice and verification, and counts unused recovery codes", async () => {
    const facility = await db().facility.create({ data: { name: `Clinic ${randomUUID()}`, city: "Utrecht" } });
    const enabledAt = new Date();
    const user = await db().user.create({
      data: {
        email: `profile-${randomUUID()}@example.test`,
        name: "Dr Grace",
        role: "DOCTOR",
        totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        totpEnabledAt: enabledAt,
        doctorProfile: { create: { specialty: "Cardiology", licenseNumber: randomUUID().slice(0, 11), licenseJurisdiction: "NL", facilityId: facility.id, timeZone: "Europe/Amsterdam" } },
        recoveryCodes: { create: [{ codeHash: "a" }, { codeHash: "b", usedAt: new Date() }, { codeHash: "c" }] },
      },
    });
    const result = await getOwnProfile(actorFor(user.id, "DOCTOR", "PENDING"));
    expect(result).toMatchObject({ ok: true, value: { role: "DOCTOR", doctor: { specialty: "Cardiology", facility: facility.name, verification: "PENDING" }, mfaEnabled: true, mfaEnabledAt: enabledAt, recoveryCodesLeft: 2 } });
    if (result.ok) expect(result.value).not.toHaveProperty("publicId");
  });

  it("requires a signed-in user", async () => {
    expect(await getOwnProfile(null)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
