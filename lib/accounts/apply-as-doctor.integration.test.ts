/**
 * Doctor applications against the suite's real Postgres: every invalid input is refused with its field
 * message and leaves nothing behind; license numbers follow each jurisdiction's format and are unique
 * per jurisdiction, also when applications race.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyAsDoctor } from "./apply-as-doctor";
import { JURISDICTION_CODES, LICENSE_JURISDICTIONS, licenseNumberProblem, type LicenseJurisdiction } from "./license-rules";
import { DUPLICATE_EMAIL_MESSAGE, registerPatient } from "./register-patient";

const run = randomUUID().slice(0, 8);
const email = (label = "doctor") => `apply-${run}-${label}-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = "velvet canyon orbit pepper";
const TOO_COMMON = "This password is too common or easy to guess. Add more unrelated words.";
const DUPLICATE_LICENSE_MESSAGE = "This license number is already registered with MedAnchor.";
const PLEASE_CORRECT = "Please correct the highlighted fields.";

const digits = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(10))).join("");

/** A valid license number no other application holds, for each jurisdiction. */
const VALID_LICENSE: Record<LicenseJurisdiction, () => string> = {
  "US-CA": () => `${"ACG"[randomInt(3)]}${digits(6)}`,
  "US-NY": () => digits(6),
  GB: () => digits(7),
  DE: () => digits(9),
  FR: () => digits(11),
  NL: () => digits(11),
};

/** Near misses: the wrong letter, one digit short or long, letters where digits belong. */
const INVALID_LICENSES: Record<LicenseJurisdiction, string[]> = {
  "US-CA": ["B123456", "A1234", "A1234567", "123456"],
  "US-NY": ["12345", "1234567", "A23456"],
  GB: ["701234", "70123456", "GMC7012345"],
  DE: ["12345670", "1234567012", "12345670X"],
  FR: ["1010123456", "101012345678", "1010123456A"],
  NL: ["1901234560", "190123456012", "BIG19012345"],
};

let facilityId: string;
let inactiveFacilityId: string;

const valid = (overrides: Record<string, unknown> = {}) => ({
  name: "Dr Avery Applicant",
  email: email(),
  password: PASSWORD,
  dateOfBirth: "1980-02-02",
  specialty: "Cardiology",
  licenseJurisdiction: "NL",
  licenseNumber: VALID_LICENSE.NL(),
  facilityId,
  timeZone: "Europe/Amsterdam",
  bio: "Twenty years in cardiology.",
  ...overrides,
});

async function stored() {
  const [users, doctorProfiles, applications] = await Promise.all([db().user.count(), db().doctorProfile.count(), db().auditEvent.count({ where: { action: "doctor.apply" } })]);
  return { users, doctorProfiles, applications };
}

const userByEmail = (address: string) => db().user.findUnique({ where: { email: address.trim().toLowerCase() }, select: { id: true } });

async function expectRefusedWithNothingStored(input: Record<string, unknown>, expected: { code: string; field: string; message: string }) {
  const before = await stored();
  const result = await applyAsDoctor(input);
  expect(result).toMatchObject({ ok: false, error: { code: expected.code, fieldErrors: { [expected.field]: expect.arrayContaining([expected.message]) } } });
  if (!result.ok) expect(result.error.message).toBe(expected.code === "VALIDATION" ? PLEASE_CORRECT : expected.message);
  expect(await stored()).toEqual(before);
  if (expected.field !== "email") expect(await userByEmail(String(input.email))).toBeNull();
}

beforeAll(async () => {
  facilityId = (await db().facility.create({ data: { name: `Apply Clinic ${run}`, city: "Utrecht" } })).id;
  inactiveFacilityId = (await db().facility.create({ data: { name: `Apply Closed Clinic ${run}`, city: "Utrecht", active: false } })).id;
});

afterAll(async () => {
  await db().user.deleteMany({ where: { email: { startsWith: `apply-${run}-` } } });
  await db().facility.deleteMany({ where: { id: { in: [facilityId, inactiveFacilityId] } } });
});

describe("applyAsDoctor", () => {
  it("creates a DOCTOR account with a PENDING application, the license normalised, and an audit event", async () => {
    const digitsPart = digits(6);
    const result = await applyAsDoctor(valid({ licenseJurisdiction: "US-CA", licenseNumber: ` a ${digitsPart.slice(0, 3)}-${digitsPart.slice(3)} ` }), { ip: "203.0.113.20", userAgent: "vitest" });
    expect(result).toEqual({ ok: true, value: { userId: expect.any(String) } });
    if (!result.ok) return;

    const user = await db().user.findUniqueOrThrow({ where: { id: result.value.userId }, include: { doctorProfile: true, patientProfile: true } });
    expect(user).toMatchObject({ role: "DOCTOR", status: "ACTIVE", totpEnabledAt: null, patientProfile: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.doctorProfile).toMatchObject({ specialty: "Cardiology", licenseJurisdiction: "US-CA", licenseNumber: `A${digitsPart}`, facilityId, timeZone: "Europe/Amsterdam", verification: "PENDING", decidedAt: null });
    expect(await db().auditEvent.findMany({ where: { subjectId: user.id, action: "doctor.apply" } })).toMatchObject([{ actorId: user.id, actorRole: "DOCTOR", outcome: "ALLOW", ip: "203.0.113.20" }]);
  });

  const tomorrow = new Date(Date.now() + 36 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const invalid: [string, Record<string, unknown>, string, string][] = [
    ["a malformed email", { email: "doctor@" }, "email", "Enter a valid email address, like name@example.com."],
    ["a too-short password", { password: "short words" }, "password", "Use at least 12 characters; a phrase of a few unrelated words works well."],
    ["a common password", { password: "password1234" }, "password", TOO_COMMON],
    ["a password made of the applicant's own name", { name: "Quillon Brackenbury", password: "quillonbrackenbury" }, "password", TOO_COMMON],
    ["a date of birth in the future", { dateOfBirth: tomorrow }, "dateOfBirth", "Date of birth can't be in the future."],
    ["an unknown specialty", { specialty: "Astrology" }, "specialty", "Choose your specialty."],
    ["an unknown jurisdiction", { licenseJurisdiction: "XX" }, "licenseJurisdiction", "Choose the jurisdiction that issued your license."],
    ["a missing license number", { licenseNumber: undefined }, "licenseNumber", "Enter your license number."],
    ["a malformed facility id", { facilityId: "clinic-1" }, "facilityId", "Choose your facility."],
    ["an invalid time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone", "Choose a valid time zone."],
    ["a time zone abbreviation", { timeZone: "CEST" }, "timeZone", "Choose a valid time zone."],
    ["a bio over 1000 characters", { bio: "x".repeat(1001) }, "bio", "Keep the bio under 1000 characters."],
  ];
  it.each(invalid)("refuses %s with its field message and stores nothing", async (_case, overrides, field, message) => {
    await expectRefusedWithNothingStored(valid(overrides), { code: "VALIDATION", field, message });
  });

  it("accepts a bio of exactly 1000 characters", async () => {
    expect(await applyAsDoctor(valid({ bio: "x".repeat(1000) }))).toMatchObject({ ok: true });
  });

  it("refuses an unknown facility and an inactive one, and stores nothing", async () => {
    for (const id of [randomUUID(), inactiveFacilityId]) {
      await expectRefusedWithNothingStored(valid({ facilityId: id }), { code: "VALIDATION", field: "facilityId", message: "Choose one of the listed facilities." });
    }
  });

  describe.each(JURISDICTION_CODES)("license numbers in %s", (jurisdiction) => {
    const rule = LICENSE_JURISDICTIONS[jurisdiction];

    it("accepts a number in the format, and the example the form shows is itself valid", async () => {
      expect(licenseNumberProblem(jurisdiction, rule.example)).toBeUndefined();
      const licenseNumber = VALID_LICENSE[jurisdiction]();
      const result = await applyAsDoctor(valid({ licenseJurisdiction: jurisdiction, licenseNumber }));
      expect(result).toMatchObject({ ok: true });
      if (result.ok) expect(await db().doctorProfile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { licenseNumber: true } })).toEqual({ licenseNumber });
    });

    it.each(INVALID_LICENSES[jurisdiction])("refuses %s with the jurisdiction's format message and stores nothing", async (licenseNumber) => {
      await expectRefusedWithNothingStored(valid({ licenseJurisdiction: jurisdiction, licenseNumber }), {
        code: "VALIDATION",
        field: "licenseNumber",
        message: `Doesn't match the ${jurisdiction} format (for example ${rule.example}).`,
      });
    });
  });

  it("refuses an email already registered (by a patient, in another case) and stores nothing", async () => {
    const address = email("taken");
    expect(await registerPatient({ name: "Existing Patient", email: address, password: PASSWORD, dateOfBirth: "1985-01-01" })).toMatchObject({ ok: true });
    const before = await stored();
    expect(await applyAsDoctor(valid({ email: address.toUpperCase() }))).toEqual({ ok: false, error: { code: "CONFLICT", message: DUPLICATE_EMAIL_MESSAGE, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } } });
    expect(await stored()).toEqual(before);
  });

  it("refuses a license number already registered in the same jurisdiction, however it is typed, and stores nothing", async () => {
    const licenseNumber = VALID_LICENSE.NL();
    expect(await applyAsDoctor(valid({ licenseNumber }))).toMatchObject({ ok: true });
    const spaced = `${licenseNumber.slice(0, 4)} ${licenseNumber.slice(4, 8)}-${licenseNumber.slice(8)}`;
    await expectRefusedWithNothingStored(valid({ licenseNumber: spaced }), { code: "CONFLICT", field: "licenseNumber", message: DUPLICATE_LICENSE_MESSAGE });
  });

  it("accepts the same number in another jurisdiction (FR and NL share the 11-digit format)", async () => {
    const licenseNumber = VALID_LICENSE.NL();
    expect(await applyAsDoctor(valid({ licenseJurisdiction: "NL", licenseNumber }))).toMatchObject({ ok: true });
    expect(await applyAsDoctor(valid({ licenseJurisdiction: "FR", licenseNumber }))).toMatchObject({ ok: true });
  });

  it("lets exactly one of several applications racing with one license number through", async () => {
    const licenseNumber = VALID_LICENSE.DE();
    const addresses = Array.from({ length: 6 }, () => email("license-race"));
    const before = await stored();
    const results = await Promise.all(addresses.map((address) => applyAsDoctor(valid({ email: address, licenseJurisdiction: "DE", licenseNumber }))));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toEqual({ ok: false, error: { code: "CONFLICT", message: DUPLICATE_LICENSE_MESSAGE, fieldErrors: { licenseNumber: [DUPLICATE_LICENSE_MESSAGE] } } });
    }
    expect(await db().user.count({ where: { email: { in: addresses } } })).toBe(1);
    expect(await stored()).toEqual({ users: before.users + 1, doctorProfiles: before.doctorProfiles + 1, applications: before.applications + 1 });
  });

  it("lets exactly one of several applications racing with one email (in different cases) through", async () => {
    const address = email("email-race");
    const before = await stored();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => applyAsDoctor(valid({ email: i % 2 ? address.toUpperCase() : address }))));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toEqual({ ok: false, error: { code: "CONFLICT", message: DUPLICATE_EMAIL_MESSAGE, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } } });
    }
    expect(await stored()).toEqual({ users: before.users + 1, doctorProfiles: before.doctorProfiles + 1, applications: before.applications + 1 });
  });
});
