import { readdirSync } from "node:fs";
import path from "node:path";
import { bookedAppointment, idFromLink, sharedAllDocumentsWith, storedDocument } from "./factories";
import { expect, expectNoSeriousAccessibilityViolations, test, type UserBrowser } from "./fixtures";
import { unique } from "./support/files";
import { SAVED_ROLES } from "./support/roles";

/**
 * axe (WCAG 2 A and AA) on every page of the app, as the role that uses it, at desktop and phone
 * width: 0 serious or critical violations. The routes come from the source tree, so a new page fails
 * the first test until it is added to PAGES (and so visited) or to SKIPPED with a reason.
 */
type Viewer = "visitor" | "patient" | "doctor" | "admin";

const PAGES: Record<Viewer, string[]> = {
  visitor: ["/", "/login", "/register", "/register/doctor", "/status", "/verify"],
  patient: [
    "/patient",
    "/patient/doctors",
    "/patient/doctors/[doctorId]",
    "/patient/appointments/[appointmentId]/reschedule",
    "/patient/documents",
    "/patient/documents/[documentId]",
    "/patient/sharing",
    "/patient/access-log",
    "/patient/ledger",
    "/notifications",
    "/account",
    "/account/tokens",
  ],
  doctor: [
    "/doctor",
    "/doctor/appointments",
    "/doctor/availability",
    "/doctor/patients",
    "/doctor/patients/[patientId]",
    "/doctor/patients/[patientId]/documents/[documentId]",
    "/notifications",
    "/account",
    "/account/security",
    "/account/tokens",
  ],
  admin: [
    "/admin",
    "/admin/doctors",
    "/admin/doctors/[doctorId]",
    "/admin/facilities",
    "/admin/facilities/[facilityId]",
    "/admin/users",
    "/admin/anchors",
    "/admin/audit",
    "/notifications",
    "/account",
    "/account/security",
  ],
};

/** Each page is checked at the desktop size and again at this width. */
const PHONE = { width: 375, height: 812 };

const SKIPPED: Record<string, string> = {
  "/dev/inbox": "development mail catcher only: a 404 in production, which the e2e server runs",
};

/** Every page route under app/, e.g. app/(public)/register/page.tsx → /register. */
function pageRoutes(): string[] {
  const appDir = path.resolve(import.meta.dirname, "../app");
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => `/${path.dirname(file).split(path.sep).filter((segment) => segment !== "." && !/^\(.+\)$/.test(segment)).join("/")}`)
    .sort();
}

/** A route with its [params] filled in; a param the test did not provide fails the test. */
function concretePath(route: string, ids: Record<string, string>): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (!ids[name]) throw new Error(`no ${name} for ${route}: create one in the test`);
    return ids[name];
  });
}

async function expectAccessibleTour(user: UserBrowser, viewer: Viewer, ids: Record<string, string> = {}) {
  for (const route of PAGES[viewer]) {
    await test.step(route, async () => {
      const response = await user.page.goto(concretePath(route, ids));
      expect(response?.status(), `${route} answers`).toBe(200);
      // Still on the page asked for (not sent to /login or the role's home), and it rendered its heading.
      expect(new URL(user.page.url()).pathname).toBe(concretePath(route, ids));
      await expect(user.page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expectNoSeriousAccessibilityViolations(user.page);
      // And on a phone, where rows stack and wide tables scroll sideways.
      const desktop = user.page.viewportSize()!;
      await user.page.setViewportSize(PHONE);
      await expectNoSeriousAccessibilityViolations(user.page);
      await user.page.setViewportSize(desktop);
    });
  }
}

test.describe("accessibility of every page", () => {
  test("every page route under app/ is toured below or skipped with a reason", () => {
    const toured = new Set([...Object.values(PAGES).flat(), ...Object.keys(SKIPPED)]);
    const routes = pageRoutes();
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !toured.has(route)), "pages neither visited nor skipped").toEqual([]);
    expect([...toured].filter((route) => !routes.includes(route)), "listed routes with no page").toEqual([]);
  });

  test("public pages", async ({ user }) => {
    await expectAccessibleTour(user, "visitor");
  });

  test("patient pages, with a booked visit and a stored document", async ({ patient }) => {
    test.setTimeout(180_000);
    const document = await storedDocument(patient, unique("Allergy panel"));
    const { doctorId, appointmentId } = await bookedAppointment(patient, SAVED_ROLES.doctor.name, new Date(Date.now() + 26 * 3_600_000));
    await expectAccessibleTour(patient, "patient", { documentId: document.id, appointmentId, doctorId });
  });

  test("doctor pages, with a patient who shared a document", async ({ patient, doctor }) => {
    test.setTimeout(180_000);
    const document = await storedDocument(patient, unique("Thyroid ultrasound"), "Imaging");
    await sharedAllDocumentsWith(patient, `Dr. ${SAVED_ROLES.doctor.name} (General practice)`);
    await doctor.page.goto("/doctor/patients");
    await doctor.doctorPatients.search(SAVED_ROLES.patient.name);
    const patientId = await idFromLink(doctor.doctorPatients.rowFor(SAVED_ROLES.patient.name).getByRole("link", { name: SAVED_ROLES.patient.name, exact: true }), /^\/doctor\/patients\/([0-9a-f-]{36})$/);
    // The grant opens to the doctor once the worker has recorded it on the ledger.
    await doctor.doctorPatient.gotoWhenAccess(`/doctor/patients/${patientId}`, "Access Read");
    await expectAccessibleTour(doctor, "doctor", { patientId, documentId: document.id });
  });

  test("the doctor's notification panel, long enough to scroll, is reached and scrolled with the keyboard", async ({ patient, doctor }) => {
    test.setTimeout(180_000);
    // Three bookings, each cancelled again: six notifications with appointment times, more than the panel shows at once.
    for (let hours = 50; hours < 53; hours++) {
      const { slot } = await bookedAppointment(patient, SAVED_ROLES.doctor.name, new Date(Date.now() + hours * 3_600_000));
      await patient.patientAppointments.cancel(patient.patientAppointments.upcomingWith(SAVED_ROLES.doctor.name).filter({ hasText: slot.name }));
      await expect(patient.page).toHaveURL(/\/patient\?cancelled=1$/);
    }
    const { page, notifications, keyboard } = doctor;
    await page.reload();
    await keyboard.tabTo(notifications.button);
    await keyboard.pressOn(notifications.button, "Enter");
    await expect(notifications.button).toHaveAttribute("aria-expanded", "true");
    const latest = notifications.panel.getByRole("region", { name: "Latest notifications" });
    expect(await latest.evaluate((el) => el.scrollHeight > el.clientHeight), "the list overflows").toBe(true);
    await expectNoSeriousAccessibilityViolations(page);

    await keyboard.tabTo(latest, { maxPresses: 3 });
    await keyboard.pressOn(latest, "ArrowDown");
    await expect.poll(() => latest.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });

  test("administration pages", async ({ admin }) => {
    test.setTimeout(120_000);
    await admin.adminDoctors.goto("ALL");
    await admin.adminDoctors.search(SAVED_ROLES.doctor.name);
    const doctorId = await idFromLink(admin.adminDoctors.rowFor(SAVED_ROLES.doctor.name).getByRole("link", { name: SAVED_ROLES.doctor.name, exact: true }), /^\/admin\/doctors\/([0-9a-f-]{36})$/);
    await admin.adminFacilities.goto();
    const facilityId = await idFromLink(admin.adminFacilities.linkTo("Harbor Street Clinic"), /^\/admin\/facilities\/([0-9a-f-]{36})$/);
    await expectAccessibleTour(admin, "admin", { doctorId, facilityId });
  });
});

