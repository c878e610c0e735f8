import { demoAccount, expect, expectNoSeriousAccessibilityViolations, newPatient, test, type UserBrowser } from "./fixtures";

/** Seeded: Mon–Fri 09:00–17:00 New York time, no minimum notice, and a visit with Maria Jensen in progress. */
const DOCTOR = { name: "Marcus Reed", email: "marcus.reed@medanchor.test", timeZone: "America/New_York" };
const VISIT_IN_PROGRESS_PATIENT = { name: "Maria Jensen", email: "maria.jensen@medanchor.test" };
/** The patient's browser runs in another zone than the doctor, so every time shown must be converted. */
const PATIENT_ZONE = "Asia/Tokyo";

test.use({ timezoneId: PATIENT_ZONE });

/** "Tue 2 Dec, 09:00" in a zone: how the app names a slot or an appointment time. */
function dayTime(instant: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
  return `${day}, ${time}`;
}

/** Clear of the 60-minute cut-off for moving or cancelling online. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

async function openDoctorSlots(user: UserBrowser, doctorName: string) {
  await user.findDoctor.search(doctorName);
  await user.findDoctor.results.filter({ hasText: `Dr. ${doctorName}` }).getByRole("link", { name: /^See times/ }).click();
  await expect(user.slotPicker.heading).toHaveText(`Book with Dr. ${doctorName}`);
}

test.describe("booking an appointment", () => {
  test("a patient books in their own time zone, reschedules and cancels; the doctor sees each change", async ({ user, openOtherBrowser }) => {
    const { page, patientRegistration, slotPicker, patientAppointments } = user;
    const patient = newPatient("Priya", "Natarajan");
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await expect(page).toHaveURL(/\/patient$/);
    await expect(page.getByText("No upcoming appointments")).toBeVisible();

    await openDoctorSlots(user, DOCTOR.name);
    await expect(page.getByText(`Dr. ${DOCTOR.name} works in ${DOCTOR.timeZone}.`)).toBeVisible();
    await expect(page.getByText(`Times are shown in your time zone, ${PATIENT_ZONE}.`)).toBeVisible();
    const slot = await slotPicker.firstSlotFrom(hoursFromNow(3));
    // Named in the patient's zone, with the doctor's own wall-clock time as its description.
    expect(slot.name).toBe(dayTime(slot.startsAt, PATIENT_ZONE));
    await expect(slotPicker.slot(slot.value)).toHaveAccessibleDescription(new RegExp(`Doctor's time: .*${dayTime(slot.startsAt, DOCTOR.timeZone).split(", ")[1]} New York`));
    await expectNoSeriousAccessibilityViolations(page);

    await slotPicker.bookButton.click();
    await expect(page.getByText("Choose a time from the list.")).toBeVisible();
    await slotPicker.choose(slot);
    await slotPicker.reason.fill("Chest pain when climbing stairs");
    await expect(page.getByText("31/500 characters")).toBeVisible();
    await slotPicker.bookButton.click();

    await expect(page).toHaveURL(/\/patient\?booked=1$/);
    await expect(page.getByText("Your appointment is booked. The doctor has been notified.")).toBeVisible();
    const booked = patientAppointments.upcomingWith(DOCTOR.name);
    await expect(booked).toHaveCount(1);
    await expect(booked).toContainText(dayTime(slot.startsAt, PATIENT_ZONE));
    await expect(booked).toContainText("Chest pain when climbing stairs");
    await expect(booked).toContainText("Booked");
    await expectNoSeriousAccessibilityViolations(page);

    // The doctor sees the booking on the dashboard, in New York time, and a notification.
    const doctor = await openOtherBrowser();
    await doctor.login.signInAs(demoAccount(DOCTOR.email));
    await expect(doctor.doctorAppointments.upcomingCount).not.toHaveText("0");
    await expect(doctor.doctorAppointments.nextPatient).toBeVisible();
    const doctorRow = doctor.doctorAppointments.comingUp.filter({ hasText: patient.name });
    await expect(doctorRow).toContainText(dayTime(slot.startsAt, DOCTOR.timeZone));
    await expect(doctorRow).toContainText("Chest pain when climbing stairs");
    await expect(doctorRow).toContainText(/MA-[0-9A-Z]{5}-[0-9A-Z]{5}/);
    await expect(doctor.notifications.button).toHaveAccessibleName(/^Notifications, \d+ unread$/);
    await doctor.notifications.open();
    await expect(doctor.notifications.panel).toContainText(`${patient.name} booked an appointment`);
    await expectNoSeriousAccessibilityViolations(doctor.page);

    // Reschedule to a later slot of the same doctor.
    await patientAppointments.reschedule(booked);
    await expect(slotPicker.heading).toHaveText(`Reschedule with Dr. ${DOCTOR.name}`);
    await expect(slotPicker.slot(slot.value)).toHaveCount(0);
    const later = await slotPicker.firstSlotFrom(new Date(slot.endsAt.getTime() + 60 * 60_000));
    await slotPicker.choose(later);
    await slotPicker.moveButton.click();
    await expect(page).toHaveURL(/\/patient\?rescheduled=1$/);
    await expect(page.getByText("Your appointment has been moved.")).toBeVisible();
    const moved = patientAppointments.upcomingWith(DOCTOR.name);
    await expect(moved).toHaveCount(1);
    await expect(moved).toContainText(dayTime(later.startsAt, PATIENT_ZONE));
    await expect(moved).toContainText("Chest pain when climbing stairs");

    // Cancel, with a reason the doctor reads.
    await patientAppointments.cancel(moved, "Feeling better already");
    await expect(page).toHaveURL(/\/patient\?cancelled=1$/);
    await expect(page.getByText("Your appointment has been cancelled.")).toBeVisible();
    await expect(patientAppointments.upcoming).toHaveCount(0);
    const cancelled = patientAppointments.past.filter({ hasText: `Dr. ${DOCTOR.name}` });
    await expect(cancelled).toHaveCount(1);
    await expect(cancelled).toContainText("Cancelled by you: Feeling better already");
    await expect(cancelled).toContainText(dayTime(later.startsAt, PATIENT_ZONE));

    await doctor.doctorAppointments.gotoAppointments("upcoming");
    await expect(doctor.page.getByRole("listitem").filter({ hasText: patient.name })).toHaveCount(0);
    await doctor.notifications.open();
    await expect(doctor.notifications.panel).toContainText(`${patient.name} moved an appointment`);
    await expect(doctor.notifications.panel).toContainText(`${patient.name} cancelled an appointment`);
    await doctor.notifications.markAllRead();
  });

  test("the doctor records a visit in progress as completed and cancels a booking with a reason the patient sees", async ({ user, openOtherBrowser }) => {
    const { page, login, doctorAppointments } = user;
    await login.signInAs(demoAccount(DOCTOR.email));
    await doctorAppointments.gotoAppointments();
    await expectNoSeriousAccessibilityViolations(page);
    const visit = doctorAppointments.needsOutcome.filter({ hasText: VISIT_IN_PROGRESS_PATIENT.name });
    await expect(visit).toContainText("Follow-up on blood pressure readings");
    await visit.getByRole("button", { name: /^Mark completed/ }).click();
    await expect(page.getByText("Visit marked completed.")).toBeVisible();
    await expect(doctorAppointments.needsOutcome.filter({ hasText: VISIT_IN_PROGRESS_PATIENT.name })).toHaveCount(0);

    const maria = await openOtherBrowser();
    await maria.login.signInAs(demoAccount(VISIT_IN_PROGRESS_PATIENT.email));
    await expect(maria.patientAppointments.past.filter({ hasText: `Dr. ${DOCTOR.name}` }).filter({ hasText: "Completed" })).toHaveCount(1);

    // A patient books; the doctor cancels, and must say why.
    const patient = newPatient("Jonas", "Weber");
    const other = await openOtherBrowser();
    await other.patientRegistration.goto();
    await other.patientRegistration.register(patient);
    await expect(other.page).toHaveURL(/\/patient$/);
    await openDoctorSlots(other, DOCTOR.name);
    const slot = await other.slotPicker.firstSlotFrom(hoursFromNow(2));
    await other.slotPicker.choose(slot);
    await other.slotPicker.bookButton.click();
    await expect(other.page).toHaveURL(/\/patient\?booked=1$/);

    await doctorAppointments.gotoAppointments("upcoming");
    const row = page.getByRole("listitem").filter({ hasText: patient.name });
    await row.getByRole("button", { name: /^Cancel/ }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this appointment?" });
    await dialog.getByRole("button", { name: "Cancel appointment", exact: true }).click();
    await expect(dialog.getByText("Tell the patient why the visit is cancelled.").first()).toBeVisible();
    await dialog.getByLabel("Reason for the patient").fill("The clinic is closed for a staff training day");
    await dialog.getByRole("button", { name: "Cancel appointment", exact: true }).click();
    await expect(page.getByText("Appointment cancelled. The patient has been notified")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: patient.name })).toHaveCount(0);

    await other.patientAppointments.goto();
    const cancelled = other.patientAppointments.past.filter({ hasText: `Dr. ${DOCTOR.name}` });
    await expect(cancelled).toContainText(`Cancelled by Dr. ${DOCTOR.name}: The clinic is closed for a staff training day`);
    await expect(other.notifications.button).toHaveAccessibleName("Notifications, 1 unread");
    await other.notifications.open();
    await expect(other.notifications.panel).toContainText(`Dr. ${DOCTOR.name} cancelled an appointment`);
    await other.notifications.markAllRead();
  });
});
