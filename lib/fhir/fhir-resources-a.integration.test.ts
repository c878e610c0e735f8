/**
 * The directory (Organization, PractitionerRole, Schedule), Patient, Appointment and Slot through the FHIR
 * route against the suite's real Postgres and anvil: what a patient's and a doctor's token see and do not
 * see, search parameters, paging links, 404 for other people's ids, date ranges, and every returned
 * resource validated by @medplum/core against the R4 definitions.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Appointment, Bundle, CapabilityStatement, OperationOutcome, Organization, Patient, PractitionerRole, Resource, Schedule, Slot } from "@medplum/fhirtypes";
import { GET } from "@/app/fhir/R4/[[...path]]/route";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import type { WeeklyRule } from "@/lib/appointments/compute-slots";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { AppointmentStatus } from "@/lib/db/generated/enums";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createDoctor, createPatient, createTestFacility, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { loadFhirValidator } from "@/scripts/test-support/fhir-validator";

const ORIGIN = "http://fhir-a.test";
const DAY_MS = 86_400_000;
const marker = `Fhira${Date.now()}`;
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const at = (days: number, hour: number, minute = 0) => new Date(today.getTime() + days * DAY_MS + (hour * 60 + minute) * 60_000);
const day = (days: number) => at(days, 0).toISOString().slice(0, 10);

async function fhirGet<T = Resource>(path: string, token?: string): Promise<{ status: number; body: T }> {
  const url = new URL(path.startsWith("http") ? path : `${ORIGIN}/fhir/R4/${path}`);
  const segments = url.pathname.replace(/^\/fhir\/R4\/?/, "").split("/").filter(Boolean);
  const response = await GET(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ path: segments }) });
  return { status: response.status, body: (await response.json()) as T };
}

async function tokenFor(actor: Actor, scopes: string[] = [actor.role === "PATIENT" ? "patient/*.read" : "user/*.read"]): Promise<string> {
  const created = await createAccessToken(actor, { name: "fhir-a test", scopes, expiresInDays: 30 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.secret;
}

/** A search that must succeed: its bundle, every resource in it validated. */
async function search<T extends Resource>(path: string, token?: string): Promise<Bundle<T>> {
  const { status, body } = await fhirGet<Bundle<T>>(path, token);
  expect([path, status]).toEqual([path, 200]);
  expectValid(body);
  return body;
}

async function read<T extends Resource>(path: string, token?: string): Promise<T> {
  const { status, body } = await fhirGet<T>(path, token);
  expect([path, status]).toEqual([path, 200]);
  expectValid(body);
  return body;
}

async function expectOutcome(path: string, token: string | undefined, status: number, code: string) {
  const response = await fhirGet<OperationOutcome>(path, token);
  expect([path, response.status, response.body.resourceType, response.body.issue?.[0]?.code]).toEqual([path, status, "OperationOutcome", code]);
}

let validateResource: (resource: Resource) => unknown;

function expectValid(resource: Resource) {
  expect(() => validateResource(resource)).not.toThrow();
}

const ids = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode !== "include").map((e) => e.resource?.id);
const nextLink = (bundle: Bundle) => bundle.link?.find((l) => l.relation === "next")?.url;

let clinic: string;
let annex: string;
let closed: string;
let empty: string;
/** Clinic: the cardiologist (with slots 09:00–12:00 UTC) and the GP; annex: another GP; closed: a deactivated facility. */
let cardiologist: TestDoctor & { actor: Actor };
let gp: TestDoctor & { actor: Actor };
let annexGp: TestDoctor & { actor: Actor };
let closedDoctor: TestDoctor;
let pendingDoctor: TestDoctor;
/** Named so that they sort alpha, beta, gamma; alpha, beta and gamma granted the cardiologist, delta the GP. */
let alpha: TestPatient;
let beta: TestPatient;
let gamma: TestPatient;
let delta: TestPatient;
let betaGrant: string;
const appointments: Record<string, string> = {};

async function appointment(key: string, patient: TestPatient, doctor: TestDoctor, startsAt: Date, status: AppointmentStatus, extra: { reason?: string; cancellationReason?: string } = {}) {
  const row = await db().appointment.create({
    data: { patientId: patient.user.id, doctorId: doctor.doctorId, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), status, idempotencyKey: randomUUID(), ...extra },
    select: { id: true },
  });
  appointments[key] = row.id;
}

async function grant(patient: TestPatient, doctor: TestDoctor): Promise<string> {
  const created = await createGrant(patient.actor, { doctorId: doctor.doctorId, allDocuments: true, documentIds: [], permission: "READ", until: day(10) });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.grantId;
}

beforeAll(async () => {
  validateResource = await loadFhirValidator();

  [clinic, annex, closed, empty] = [await createTestFacility(`${marker} Clinic`), await createTestFacility(`${marker} Annex`), await createTestFacility(`${marker} Closed`), await createTestFacility(`${marker} Empty`)];
  await db().facility.update({ where: { id: clinic }, data: { address: "1 Heart Street" } });
  const doctor = async (name: string, facilityId: string, specialty: string, rules: WeeklyRule[] = []) =>
    (await createVerifiedDoctor({ name: `Dr ${marker} ${name}`, facilityId, specialty, rules })) as TestDoctor & { actor: Actor };
  cardiologist = await doctor("Cardio", clinic, `Cardiology ${marker}`, everyDayRules({ startMinute: 9 * 60, endMinute: 12 * 60, slotMinutes: 30 }));
  gp = await doctor("Gp", clinic, `General ${marker}`);
  annexGp = await doctor("Annex", annex, `General ${marker}`);
  closedDoctor = await doctor("Closed", closed, `General ${marker}`);
  await db().facility.update({ where: { id: closed }, data: { active: false } });
  pendingDoctor = await createDoctor({ name: `Dr ${marker} Pending`, facilityId: empty, verification: "PENDING" });

  alpha = await createPatient({ name: `${marker} Alpha` });
  beta = await createPatient({ name: `${marker} Beta` });
  gamma = await createPatient({ name: `${marker} Gamma` });
  delta = await createPatient({ name: `${marker} Delta` });
  await db().patientProfile.update({ where: { userId: alpha.user.id }, data: { phone: "+31 6 1234 5678" } });

  await appointment("alphaBooked", alpha, cardiologist, at(3, 9, 30), "BOOKED", { reason: "Palpitations" });
  await appointment("alphaCompleted", alpha, cardiologist, at(-10, 10), "COMPLETED");
  await appointment("alphaNoShow", alpha, cardiologist, at(-5, 10), "NO_SHOW");
  await appointment("alphaCancelled", alpha, cardiologist, at(4, 10), "CANCELLED", { cancellationReason: "Patient unwell" });
  await appointment("alphaGp", alpha, gp, at(5, 14), "BOOKED");
  await appointment("deltaGp", delta, gp, at(6, 15), "BOOKED");

  await grant(alpha, cardiologist);
  betaGrant = await grant(beta, cardiologist);
  await grant(gamma, cardiologist);
  await anchorPending();
  // Active in Postgres but never anchored: not open to the GP.
  await grant(delta, gp);
});

afterAll(deleteTestData);

describe("the public directory", () => {
  it("lists facilities where listed doctors work as Organizations, a deactivated one as inactive", async () => {
    const bundle = await search<Organization>(`Organization?name=${marker}`);
    expect(bundle.entry?.map((e) => [e.resource?.name, e.resource?.active])).toEqual([
      [expect.stringContaining(`${marker} Annex`), true],
      [expect.stringContaining(`${marker} Clinic`), true],
      [expect.stringContaining(`${marker} Closed`), false],
    ]);
    const organization = await read<Organization>(`Organization/${clinic}`);
    expect(organization.address).toEqual([{ line: ["1 Heart Street"], city: "Utrecht" }]);
    expect((await read<Organization>(`Organization/${annex}`)).address).toEqual([{ city: "Utrecht" }]);
    expect(ids(await search(`Organization?_id=${annex}`))).toEqual([annex]);
    // Only a pending applicant works there: not part of the directory.
    await expectOutcome(`Organization/${empty}`, undefined, 404, "not-found");
    expect((await search(`Organization?_id=${empty}`)).total).toBe(0);
  });

  it("gives each listed doctor one PractitionerRole, searchable by practitioner, organization and specialty, with includes", async () => {
    const atClinic = await search<PractitionerRole>(`PractitionerRole?organization=Organization/${clinic}`);
    expect(ids(atClinic)).toEqual([cardiologist.doctorId, gp.doctorId]);
    const role = atClinic.entry![0]!.resource!;
    expect(role).toMatchObject({
      practitioner: { reference: `Practitioner/${cardiologist.doctorId}`, display: `Dr ${marker} Cardio` },
      organization: { reference: `Organization/${clinic}` },
      specialty: [{ text: `Cardiology ${marker}` }],
    });

    const generalists = await search<PractitionerRole>(`PractitionerRole?specialty=general%20${marker.toLowerCase()}&_include=PractitionerRole:practitioner&_include=PractitionerRole:organization`);
    expect(ids(generalists).sort()).toEqual([annexGp.doctorId, closedDoctor.doctorId, gp.doctorId].sort());
    const included = generalists.entry!.filter((e) => e.search?.mode === "include").map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    expect(included.sort()).toEqual([...[annexGp, closedDoctor, gp].map((d) => `Practitioner/${d.doctorId}`), ...[annex, clinic, closed].map((id) => `Organization/${id}`)].sort());

    expect(ids(await search(`PractitionerRole?practitioner=${ORIGIN}/fhir/R4/Practitioner/${gp.doctorId}`))).toEqual([gp.doctorId]);
    expect((await read<PractitionerRole>(`PractitionerRole/${annexGp.doctorId}`)).organization?.reference).toBe(`Organization/${annex}`);
    await expectOutcome(`PractitionerRole/${pendingDoctor.doctorId}`, undefined, 404, "not-found");
    expect((await search(`PractitionerRole?practitioner=Practitioner/${pendingDoctor.doctorId}`)).total).toBe(0);
    expect((await search(`PractitionerRole?practitioner=Organization/${gp.doctorId}`)).total).toBe(0);
    await expectOutcome("PractitionerRole?_include=PractitionerRole:endpoint", undefined, 400, "invalid");
  });

  it("gives each listed doctor one public Schedule, the one their Slots name", async () => {
    const schedule = await read<Schedule>(`Schedule/${cardiologist.doctorId}`);
    expect(schedule.actor).toEqual([{ reference: `Practitioner/${cardiologist.doctorId}`, display: `Dr ${marker} Cardio` }]);
    expect(ids(await search(`Schedule?actor=Practitioner/${gp.doctorId}`))).toEqual([gp.doctorId]);
    await expectOutcome(`Schedule/${pendingDoctor.doctorId}`, undefined, 404, "not-found");
  });

  it("lists every new type in the CapabilityStatement, Slot with its schedule parameter", async () => {
    const statement = (await fhirGet<CapabilityStatement>("metadata")).body;
    const resources = statement.rest?.[0]?.resource ?? [];
    expect(resources.map((r) => r.type)).toEqual(expect.arrayContaining(["Organization", "PractitionerRole", "Schedule", "Patient", "Appointment", "Slot"]));
    expect(resources.find((r) => r.type === "Slot")?.searchParam?.map((p) => p.name)).toEqual(expect.arrayContaining(["schedule", "start"]));
    expect(resources.find((r) => r.type === "PractitionerRole")?.searchInclude).toEqual(["PractitionerRole:practitioner", "PractitionerRole:organization"]);
    expectValid(statement);
    // The validator does reject: a Slot without its schedule and with an unknown status.
    expect(() => validateResource({ resourceType: "Slot", status: "nope" } as unknown as Resource)).toThrow();
  });
});

describe("Patient", () => {
  it("shows a patient only themself", async () => {
    const token = await tokenFor(alpha.actor);
    const self = await read<Patient>(`Patient/${alpha.user.id}`, token);
    expect(self).toMatchObject({
      identifier: [{ system: "urn:medanchor:patient-id", value: alpha.publicId }],
      name: [{ text: `${marker} Alpha` }],
      birthDate: "1990-04-12",
      telecom: [
        { system: "email", value: alpha.user.email },
        { system: "phone", value: "+31 6 1234 5678" },
      ],
    });
    expect((await read<Patient>(`Patient/${beta.user.id}`, await tokenFor(beta.actor))).telecom).toEqual([{ system: "email", value: beta.user.email }]);
    expect(ids(await search("Patient", token))).toEqual([alpha.user.id]);
    expect((await search(`Patient?_id=${beta.user.id}`, token)).total).toBe(0);
    expect((await search(`Patient?name=nobody-${marker}`, token)).total).toBe(0);
    await expectOutcome(`Patient/${beta.user.id}`, token, 404, "not-found");
    await expectOutcome(`Patient/${randomUUID()}`, token, 404, "not-found");
  });

  it("shows a doctor the patients whose grant to them is open and confirmed on chain, a page at a time", async () => {
    const token = await tokenFor(cardiologist.actor);
    const first = await search<Patient>(`Patient?name=${marker}&_count=2`, token);
    expect(first.total).toBe(3);
    expect(ids(first)).toEqual([alpha.user.id, beta.user.id]);
    const second = await search<Patient>(nextLink(first)!, token);
    expect(ids(second)).toEqual([gamma.user.id]);
    expect(nextLink(second)).toBeUndefined();
    expect(ids(await search(`Patient?name=gamma`, token))).toEqual([gamma.user.id]);
    expect((await read<Patient>(`Patient/${beta.user.id}`, token)).identifier?.[0]?.value).toBe(beta.publicId);
    await expectOutcome(`Patient/${delta.user.id}`, token, 404, "not-found");

    // The GP sees delta's appointments but their grant never reached the chain: no Patient access.
    const gpToken = await tokenFor(gp.actor);
    expect((await search("Patient", gpToken)).total).toBe(0);
    await expectOutcome(`Patient/${delta.user.id}`, gpToken, 404, "not-found");
    await expectOutcome(`Patient/${alpha.user.id}`, await tokenFor(annexGp.actor), 404, "not-found");

    const audit = await db().auditEvent.findFirst({ where: { actorId: cardiologist.doctorId, action: "fhir.read", subjectType: "Patient" }, orderBy: { id: "desc" } });
    expect(audit?.subjectId).toBe(beta.user.id);
  });

  it("hides a patient from the doctor on the request after the grant is revoked", async () => {
    const token = await tokenFor(cardiologist.actor);
    expect((await fhirGet(`Patient/${beta.user.id}`, token)).status).toBe(200);
    expect((await revokeGrant(beta.actor, { grantId: betaGrant })).ok).toBe(true);
    await expectOutcome(`Patient/${beta.user.id}`, token, 404, "not-found");
    expect(ids(await search(`Patient?name=${marker}`, token))).toEqual([alpha.user.id, gamma.user.id]);
  });

  it("needs a token whose scopes include Patient", async () => {
    await expectOutcome("Patient", undefined, 401, "login");
    await expectOutcome(`Patient/${alpha.user.id}`, await tokenFor(alpha.actor, ["patient/Appointment.read"]), 403, "forbidden");
  });
});

describe("Appointment", () => {
  it("shows a patient their own appointments with FHIR statuses, participants and instants", async () => {
    const token = await tokenFor(alpha.actor);
    const bundle = await search<Appointment>("Appointment", token);
    expect(ids(bundle)).toEqual(["alphaCompleted", "alphaNoShow", "alphaBooked", "alphaCancelled", "alphaGp"].map((key) => appointments[key]));
    expect(bundle.entry?.map((e) => e.resource?.status)).toEqual(["fulfilled", "noshow", "booked", "cancelled", "booked"]);
    const booked = await read<Appointment>(`Appointment/${appointments.alphaBooked}`, token);
    expect(booked).toMatchObject({
      start: at(3, 9, 30).toISOString(),
      end: at(3, 10).toISOString(),
      reasonCode: [{ text: "Palpitations" }],
      participant: [
        { actor: { reference: `Patient/${alpha.user.id}` }, status: "accepted" },
        { actor: { reference: `Practitioner/${cardiologist.doctorId}` }, status: "accepted" },
      ],
    });
    expect(booked.start).toMatch(/Z$/);
    expect((await read<Appointment>(`Appointment/${appointments.alphaCancelled}`, token)).cancelationReason).toEqual({ text: "Patient unwell" });
    await expectOutcome(`Appointment/${appointments.deltaGp}`, token, 404, "not-found");
    await expectOutcome(`Appointment/${randomUUID()}`, token, 404, "not-found");
    expect((await search(`Appointment?patient=Patient/${delta.user.id}`, token)).total).toBe(0);
  });

  it("shows a doctor their own appointments, whoever the patient", async () => {
    const token = await tokenFor(gp.actor);
    expect(ids(await search("Appointment", token))).toEqual([appointments.alphaGp, appointments.deltaGp]);
    expect(ids(await search(`Appointment?patient=Patient/${delta.user.id}`, token))).toEqual([appointments.deltaGp]);
    expect((await read<Appointment>(`Appointment/${appointments.deltaGp}`, token)).status).toBe("booked");
    await expectOutcome(`Appointment/${appointments.alphaBooked}`, token, 404, "not-found");
    expect((await search(`Appointment?practitioner=Practitioner/${cardiologist.doctorId}`, token)).total).toBe(0);
  });

  it("searches by practitioner, date range and status, and pages", async () => {
    const token = await tokenFor(alpha.actor);
    expect(ids(await search(`Appointment?practitioner=Practitioner/${gp.doctorId}`, token))).toEqual([appointments.alphaGp]);
    expect(ids(await search(`Appointment?date=ge${day(-7)}&date=lt${day(4)}`, token))).toEqual([appointments.alphaNoShow, appointments.alphaBooked]);
    expect(ids(await search(`Appointment?date=${day(4)}`, token))).toEqual([appointments.alphaCancelled]);
    expect(ids(await search(`Appointment?date=le${day(-5)}`, token))).toEqual([appointments.alphaCompleted, appointments.alphaNoShow]);
    expect(ids(await search(`Appointment?date=gt${at(3, 9).toISOString()}&date=lt${at(5, 0).toISOString()}`, token))).toEqual([appointments.alphaBooked, appointments.alphaCancelled]);
    expect(ids(await search("Appointment?status=fulfilled,noshow", token))).toEqual([appointments.alphaCompleted, appointments.alphaNoShow]);
    expect(ids(await search("Appointment?status=http://hl7.org/fhir/appointmentstatus|cancelled", token))).toEqual([appointments.alphaCancelled]);
    expect((await search("Appointment?status=waitlist", token)).total).toBe(0);
    await expectOutcome("Appointment?status=BOOKED", token, 400, "invalid");
    await expectOutcome("Appointment?date=next-week", token, 400, "invalid");

    const pages: string[] = [];
    let page: Bundle | undefined = await search("Appointment?_count=2", token);
    while (page) {
      expect(page.total).toBe(5);
      pages.push(ids(page).join(","));
      const next = nextLink(page);
      page = next ? await search(next, token) : undefined;
    }
    expect(pages.map((p) => p.split(",").length)).toEqual([2, 2, 1]);
    expect(pages.join(",").split(",")).toEqual(ids(await search("Appointment", token)));
  });
});

describe("Slot", () => {
  it("lists a doctor's free slots for the next seven days to a patient, readable back by id", async () => {
    const token = await tokenFor(delta.actor);
    const before = Date.now();
    const bundle = await search<Slot>(`Slot?schedule=Schedule/${cardiologist.doctorId}&_count=100`, token);
    const starts = bundle.entry!.map((e) => new Date(e.resource!.start!));
    expect(starts.length).toBeGreaterThan(20);
    expect(bundle.total).toBe(starts.length);
    for (const [index, start] of starts.entries()) {
      expect(start.getTime()).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1000);
      expect(start.getTime()).toBeLessThan(before + 7 * DAY_MS + 60_000);
      expect(start.getUTCHours() * 60 + start.getUTCMinutes()).toBeGreaterThanOrEqual(9 * 60);
      expect(start.getUTCHours() * 60 + start.getUTCMinutes()).toBeLessThanOrEqual(11 * 60 + 30);
      if (index > 0) expect(start > starts[index - 1]!).toBe(true);
    }
    const slot = bundle.entry![0]!.resource!;
    expect(slot).toMatchObject({ schedule: { reference: `Schedule/${cardiologist.doctorId}` }, status: "free" });
    expect(slot.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(await read<Slot>(`Slot/${slot.id}`, token)).toEqual(slot);
  });

  it("leaves out booked time and limits the start range to 31 days", async () => {
    const token = await tokenFor(delta.actor);
    const threeDaysOut = await search<Slot>(`Slot?schedule=Schedule/${cardiologist.doctorId}&start=ge${day(3)}&start=lt${day(4)}`, token);
    // 09:00–12:00 in 30-minute slots, less alpha's booked 09:30.
    expect(threeDaysOut.entry?.map((e) => e.resource?.start)).toEqual([at(3, 9), at(3, 10), at(3, 10, 30), at(3, 11), at(3, 11, 30)].map((d) => d.toISOString()));
    // Alpha's cancelled appointment frees its time again.
    expect((await search<Slot>(`Slot?schedule=Schedule/${cardiologist.doctorId}&start=${day(4)}`, token)).total).toBe(6);
    const bookedId = `${cardiologist.doctorId}.${at(3, 9, 30).getTime() / 60_000}`;
    await expectOutcome(`Slot/${bookedId}`, token, 404, "not-found");
    await expectOutcome(`Slot/${cardiologist.doctorId}.${at(3, 9, 10).getTime() / 60_000}`, token, 404, "not-found");
    expect((await search(`Slot?schedule=Schedule/${cardiologist.doctorId}&start=ge${day(20)}&start=lt${day(40)}`, token)).total).toBe(6 * 20);
    await expectOutcome(`Slot?schedule=Schedule/${cardiologist.doctorId}&start=ge${day(1)}&start=lt${day(40)}`, token, 400, "invalid");
    await expectOutcome("Slot", token, 400, "invalid");
    expect((await search(`Slot?schedule=Schedule/${cardiologist.doctorId}&status=busy`, token)).total).toBe(0);
    expect((await search(`Slot?schedule=Schedule/${pendingDoctor.doctorId}`, token)).total).toBe(0);
  });

  it("shows doctors their own slots only, and needs a token with Slot in scope", async () => {
    const own = await search<Slot>(`Slot?schedule=Schedule/${cardiologist.doctorId}&start=${day(5)}`, await tokenFor(cardiologist.actor));
    expect(own.total).toBe(6);
    await expectOutcome(`Slot?schedule=Schedule/${cardiologist.doctorId}`, await tokenFor(gp.actor), 403, "forbidden");
    await expectOutcome(`Slot/${own.entry![0]!.resource!.id}`, await tokenFor(gp.actor), 403, "forbidden");
    await expectOutcome(`Slot?schedule=Schedule/${cardiologist.doctorId}`, undefined, 401, "login");
    await expectOutcome(`Slot?schedule=Schedule/${cardiologist.doctorId}`, await tokenFor(delta.actor, ["patient/Appointment.read"]), 403, "forbidden");
  });
});
