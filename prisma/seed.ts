/**
 * Demo data for `npm run dev` and the end-to-end tests: 1 admin (with TOTP), 3 verified doctors in 2
 * facilities (bookable Monday to Friday, 09:00–17:00 in their own zones), 1 pending doctor, 3 patients,
 * and one visit in progress. Accounts go through the same registration services as real
 * users. Passwords and TOTP secrets are random per machine and written next to the data (never committed).
 * Runs once: when the admin exists, the stored logins are returned unchanged.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { applyAsDoctor } from "@/lib/accounts/apply-as-doctor";
import { registerPatient } from "@/lib/accounts/register-patient";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { newTotpSecret } from "@/lib/mfa/totp";

export interface DemoLogin {
  role: "ADMIN" | "DOCTOR" | "PATIENT";
  name: string;
  email: string;
  password: string;
  /** Base32 TOTP secret, for accounts with a second factor (add it to an authenticator app). */
  totpSecret?: string;
  note?: string;
}

const FACILITIES = [
  { name: "St. Elisabeth Hospital", city: "Berlin", address: "Invalidenstraße 12, 10115 Berlin" },
  { name: "Harbor Street Clinic", city: "New York", address: "210 Harbor St, New York, NY 10004" },
];

const DOCTORS = [
  { name: "Lena Hoffmann", email: "lena.hoffmann@medanchor.test", specialty: "Cardiology", licenseJurisdiction: "DE", licenseNumber: "123456701", facility: 0, timeZone: "Europe/Berlin", verified: true },
  { name: "Aisha Rahman", email: "aisha.rahman@medanchor.test", specialty: "Dermatology", licenseJurisdiction: "DE", licenseNumber: "234567802", facility: 0, timeZone: "Europe/Berlin", verified: true },
  { name: "Marcus Reed", email: "marcus.reed@medanchor.test", specialty: "General practice", licenseJurisdiction: "US-NY", licenseNumber: "345678", facility: 1, timeZone: "America/New_York", verified: true },
  { name: "Tomás Alvarez", email: "tomas.alvarez@medanchor.test", specialty: "Neurology", licenseJurisdiction: "GB", licenseNumber: "7012345", facility: 1, timeZone: "America/New_York", verified: false },
] as const;

const PATIENTS = [
  { name: "Maria Jensen", email: "maria.jensen@medanchor.test", dateOfBirth: "1984-03-14" },
  { name: "David Okafor", email: "david.okafor@medanchor.test", dateOfBirth: "1975-11-02" },
  { name: "Sofia Rossi", email: "sofia.rossi@medanchor.test", dateOfBirth: "1992-07-23" },
] as const;

export const ADMIN_EMAIL = "admin@medanchor.test";

/** Weekly hours of the verified demo doctors, in each doctor's own zone: Monday–Friday, 09:00–17:00, 30-minute slots. */
const DEMO_WEEKLY_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60, slotMinutes: 30, bufferMinutes: 0 }));

/** Takes bookings right up to the slot's start, so a demo (or an end-to-end test) can book a visit soon. */
const NO_NOTICE_DOCTOR = "marcus.reed@medanchor.test";

/** The demo visit in progress: this doctor's patient, started 30 minutes before seeding. */
const VISIT_IN_PROGRESS = { doctor: NO_NOTICE_DOCTOR, patient: "maria.jensen@medanchor.test" };

const newPassword = () => `demo-${randomBytes(12).toString("base64url")}`;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string; fieldErrors?: unknown } }, what: string): T {
  if (!result.ok) throw new Error(`seed: ${what}: ${result.error.message} ${JSON.stringify(result.error.fieldErrors ?? {})}`);
  return result.value;
}

export async function isSeeded(): Promise<boolean> {
  return (await db().user.count({ where: { email: ADMIN_EMAIL } })) > 0;
}

export async function seedDemoData(): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];

  const adminPassword = newPassword();
  const totpSecret = newTotpSecret();
  const admin = await db().user.create({
    data: { email: ADMIN_EMAIL, name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword(adminPassword), totpSecret, totpEnabledAt: new Date() },
  });
  await recordAuditEvent({ actorId: admin.id, actorRole: "ADMIN", action: "account.create_admin", subjectType: "user", subjectId: admin.id, outcome: "ALLOW", details: { via: "seed" } });
  logins.push({ role: "ADMIN", name: admin.name, email: ADMIN_EMAIL, password: adminPassword, totpSecret });

  const facilities = [];
  for (const facility of FACILITIES) facilities.push(await db().facility.create({ data: facility }));

  for (const doctor of DOCTORS) {
    const password = newPassword();
    const { userId } = unwrap(
      await applyAsDoctor({ ...doctor, password, dateOfBirth: "1980-01-01", facilityId: facilities[doctor.facility]!.id, bio: `${doctor.specialty} at ${FACILITIES[doctor.facility]!.name}.` }),
      doctor.email,
    );
    if (doctor.verified) {
      await db().doctorProfile.update({
        where: { userId },
        data: { verification: "VERIFIED", decidedById: admin.id, decidedAt: new Date(), ...(doctor.email === NO_NOTICE_DOCTOR ? { minNoticeMinutes: 0 } : {}) },
      });
      await recordAuditEvent({ actorId: admin.id, actorRole: "ADMIN", action: "doctor.verify", subjectType: "user", subjectId: userId, outcome: "ALLOW", details: { via: "seed" } });
      await db().availabilityRule.createMany({ data: DEMO_WEEKLY_HOURS.map((hours) => ({ ...hours, doctorId: userId })) });
    }
    logins.push({ role: "DOCTOR", name: doctor.name, email: doctor.email, password, note: doctor.verified ? "verified" : "pending verification" });
  }

  for (const patient of PATIENTS) {
    const password = newPassword();
    unwrap(await registerPatient({ ...patient, password }), patient.email);
    logins.push({ role: "PATIENT", name: patient.name, email: patient.email, password });
  }

  await seedVisitInProgress();
  return logins;
}

/**
 * A visit that started 30 minutes ago, so the doctor's "Mark completed" / "Mark no-show" can be shown
 * and tried. bookAppointment refuses times in the past (rightly), so this row is inserted directly,
 * outside the doctor's weekly hours if need be; it is the only appointment the seed creates.
 */
async function seedVisitInProgress() {
  const [doctor, patient] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { email: VISIT_IN_PROGRESS.doctor }, select: { id: true } }),
    db().user.findUniqueOrThrow({ where: { email: VISIT_IN_PROGRESS.patient }, select: { id: true } }),
  ]);
  const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000);
  await db().appointment.create({
    data: { doctorId: doctor.id, patientId: patient.id, startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), reason: "Follow-up on blood pressure readings", idempotencyKey: randomUUID() },
  });
  await db().doctorPatient.upsert({ where: { doctorId_patientId: { doctorId: doctor.id, patientId: patient.id } }, create: { doctorId: doctor.id, patientId: patient.id }, update: {} });
}
