/**
 * Facility administration against the suite's real Postgres: create, duplicate names, edit,
 * deactivate/activate (and what the doctor application form then offers), doctors per facility, audit.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createFacility } from "./create-facility";
import { getFacility } from "./get-facility";
import { listActiveFacilities } from "./list-active-facilities";
import { listFacilities } from "./list-facilities";
import { setFacilityActive } from "./set-facility-active";
import { updateFacility } from "./update-facility";

const run = randomUUID().slice(0, 8);
const unique = () => `${run}-${randomUUID().slice(0, 8)}`;
const createdUserIds: string[] = [];
const createdFacilityIds: string[] = [];
let admin: Actor;

async function createUser(role: "ADMIN" | "PATIENT", mfa: boolean): Promise<Actor> {
  const user = await db().user.create({ data: { email: `facility-${role.toLowerCase()}-${unique()}@example.test`, name: `Test ${role}`, role, totpEnabledAt: mfa ? new Date() : null } });
  createdUserIds.push(user.id);
  return { id: user.id, role, status: "ACTIVE", verification: null, mfaEnabled: mfa, sessionVersion: 1 };
}

async function created(input: { name: string; city: string; address?: string }): Promise<string> {
  const result = await createFacility(admin, input);
  if (!result.ok) throw new Error(`createFacility failed: ${result.error.message}`);
  createdFacilityIds.push(result.value.facilityId);
  return result.value.facilityId;
}

const facilityEvents = (facilityId: string) => db().auditEvent.findMany({ where: { subjectType: "facility", subjectId: facilityId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  admin = await createUser("ADMIN", true);
});

afterAll(async () => {
  await db().user.deleteMany({ where: { id: { in: createdUserIds } } });
  await db().facility.deleteMany({ where: { id: { in: createdFacilityIds } } });
});

describe("facility administration", () => {
  it("refuses a missing actor, a patient and an admin without a second factor", async () => {
    const input = { name: `Refused Clinic ${unique()}`, city: "Leeds" };
    expect(await createFacility(null, input)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await createFacility(await createUser("PATIENT", false), input)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await createFacility(await createUser("ADMIN", false), input)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await listFacilities(await createUser("PATIENT", false), { page: 1 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await db().facility.count({ where: { name: input.name } })).toBe(0);
  });

  it("creates a facility, trimmed, active and offered on the application form, with an audit event", async () => {
    const name = `St Anchor Hospital ${unique()}`;
    const facilityId = await created({ name: `  ${name} `, city: " Leeds ", address: "1 Infirmary Street" });

    const facility = await getFacility(admin, { facilityId });
    expect(facility).toMatchObject({ ok: true, value: { id: facilityId, name, city: "Leeds", address: "1 Infirmary Street", active: true, doctorCount: 0, doctors: [] } });
    expect((await listActiveFacilities()).map((f) => f.id)).toContain(facilityId);
    expect(await facilityEvents(facilityId)).toMatchObject([{ action: "facility.create", actorId: admin.id, outcome: "ALLOW" }]);
  });

  it("validates the fields with messages per field", async () => {
    const result = await createFacility(admin, { name: " ", city: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { name: [expect.any(String)], city: [expect.any(String)] } } });
  });

  it("refuses a duplicate name, also in another case, as CONFLICT on the name field", async () => {
    const name = `Duplicate Clinic ${unique()}`;
    await created({ name, city: "York" });

    for (const duplicate of [name, name.toUpperCase()]) {
      expect(await createFacility(admin, { name: duplicate, city: "Hull" })).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { name: [expect.any(String)] } } });
    }
    expect(await db().facility.count({ where: { name: { equals: name, mode: "insensitive" } } })).toBe(1);
  });

  it("answers CONFLICT when two admins create the same name at once", async () => {
    const name = `Racing Clinic ${unique()}`;
    const results = await Promise.all([createFacility(admin, { name, city: "Bath" }), createFacility(admin, { name, city: "Bath" })]);
    for (const result of results) if (result.ok) createdFacilityIds.push(result.value.facilityId);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: "CONFLICT" } }]);
  });

  it("updates a facility, refusing another facility's name, and audits which fields changed", async () => {
    const taken = `Taken Clinic ${unique()}`;
    await created({ name: taken, city: "Derby" });
    const facilityId = await created({ name: `Old Name ${unique()}`, city: "Derby" });
    const renamed = `New Name ${unique()}`;

    expect(await updateFacility(admin, { facilityId, name: taken, city: "Derby", address: "" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await updateFacility(admin, { facilityId, name: renamed, city: "Derby", address: "2 Market Place" })).toMatchObject({ ok: true, value: { facilityId } });
    // Saving again without changes keeps its own name and writes no audit event.
    expect(await updateFacility(admin, { facilityId, name: renamed, city: "Derby", address: "2 Market Place" })).toMatchObject({ ok: true });

    expect(await getFacility(admin, { facilityId })).toMatchObject({ ok: true, value: { name: renamed, address: "2 Market Place" } });
    expect((await facilityEvents(facilityId)).map((e) => [e.action, e.details])).toEqual([
      ["facility.create", expect.anything()],
      ["facility.update", { changed: "name,address" }],
    ]);
    expect(await updateFacility(admin, { facilityId: randomUUID(), name: `Ghost ${unique()}`, city: "Derby", address: "" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("deactivates a facility: gone from the application form, its doctors stay; activation brings it back", async () => {
    const facilityId = await created({ name: `Closing Clinic ${unique()}`, city: "Bristol" });
    const doctor = await db().user.create({ data: { email: `facility-doctor-${unique()}@example.test`, name: "Dr Staying", role: "DOCTOR" } });
    createdUserIds.push(doctor.id);
    await db().doctorProfile.create({ data: { userId: doctor.id, specialty: "Neurology", licenseJurisdiction: `T-${run}`, licenseNumber: unique(), facilityId, timeZone: "Europe/London", verification: "VERIFIED" } });

    expect(await setFacilityActive(admin, { facilityId, active: "false" })).toMatchObject({ ok: true, value: { active: false, changed: true } });
    expect((await listActiveFacilities()).map((f) => f.id)).not.toContain(facilityId);
    expect(await getFacility(admin, { facilityId })).toMatchObject({ ok: true, value: { active: false, doctorCount: 1, doctors: [{ doctorId: doctor.id, name: "Dr Staying", specialty: "Neurology", verification: "VERIFIED" }] } });

    const activeOnly = await listFacilities(admin, { page: 1 });
    expect(activeOnly.ok && activeOnly.value.items.some((f) => f.id === facilityId)).toBe(false);
    const withInactive = await listFacilities(admin, { includeInactive: "true", page: 1 });
    expect(withInactive.ok).toBe(true);

    expect(await setFacilityActive(admin, { facilityId, active: false })).toMatchObject({ ok: true, value: { changed: false } });
    expect(await setFacilityActive(admin, { facilityId, active: true })).toMatchObject({ ok: true, value: { active: true, changed: true } });
    expect((await listActiveFacilities()).map((f) => f.id)).toContain(facilityId);

    expect((await facilityEvents(facilityId)).map((e) => e.action)).toEqual(["facility.create", "facility.deactivate", "facility.activate"]);
    expect(await setFacilityActive(admin, { facilityId: randomUUID(), active: false })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
