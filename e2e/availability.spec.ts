import { openDoctorSlots } from "./factories";
import { expect, newDoctorApplicant, test } from "./fixtures";

/** The applicant's zone (newDoctorApplicant) and the browsers' zone, so dates and times read the same everywhere. */
const ZONE = "Europe/London";
test.use({ timezoneId: ZONE });

const HOUR = 3_600_000;
/** "2026-12-04": the calendar date `days` after today in ZONE. */
const dateIn = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date(Date.now() + days * 24 * HOUR));
/** How the availability page names a date ("Friday 4 December"). */
const dayHeading = (isoDate: string) => new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
const timeIn = (instant: Date) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ZONE }).format(instant);

test.describe("doctor availability", () => {
  test("a newly verified doctor sets weekly hours, booking settings and a day off; patients are offered exactly those times", async ({ user, admin, patient }) => {
    test.setTimeout(120_000);
    const { page, doctorApplication, doctorDashboard, availability } = user;
    const doctor = newDoctorApplicant("Nadia", "Petrova");
    await doctorApplication.apply(doctor);
    await expect(doctorDashboard.awaitingVerification).toBeVisible();
    await page.goto("/doctor/availability");
    await expect(page.getByText("Available once you are verified")).toBeVisible();
    await expect(availability.addHoursButton).toHaveCount(0);

    await admin.adminDoctors.verify(doctor.name);

    await availability.open();
    await expect(availability.weeklyHours.getByText("No weekly hours yet: patients can't book you until you add some.")).toBeVisible();
    await expect(availability.preview).toContainText("No free slots in these days.");

    await availability.setHoursEveryDay("10:00", "14:00", "60 min");
    await expect(availability.weeklyHours.getByRole("status")).toHaveText("Weekly hours saved: 7 rules.");
    await expect(availability.rules).toHaveCount(7);
    await expect(availability.ruleControl("Sunday rule 1", "day")).toHaveValue("7");
    await expect(availability.ruleControl("Sunday rule 1", "start")).toHaveValue("10:00");
    await expect(availability.ruleControl("Sunday rule 1", "end")).toHaveValue("14:00");

    await availability.saveBookingSettings(3, 5);
    await expect(availability.settings.getByRole("status")).toHaveText("Booking settings saved.");
    const dayOff = dateIn(1);
    await availability.addDayOff(dayOff);
    await expect(availability.exceptionsCard.getByRole("status")).toContainText(/^Day off added on /);

    await page.reload();
    await expect(availability.settings).toContainText("Patients can book with 3 h notice, up to 5 days ahead.");
    await expect(availability.exceptions).toHaveCount(1);
    await expect(availability.exceptions).toContainText("Day off");
    await expect(availability.previewDay("Tomorrow")).toContainText("Day off");
    const inTwoDays = availability.preview.getByRole("list", { name: `Free slots on ${dayHeading(dateIn(2))}` });
    await expect(inTwoDays.getByRole("listitem")).toHaveText(["10:00", "11:00", "12:00", "13:00"]);

    // A patient (browsing in the same zone) is offered those hours only: notice, day off and horizon applied.
    const searchedAt = Date.now();
    await openDoctorSlots(patient, doctor.name);
    const offered = await patient.slotPicker.offeredSlots();
    expect(offered.length).toBeGreaterThanOrEqual(12);
    for (const slot of offered) {
      expect(["10:00", "11:00", "12:00", "13:00"], slot.name).toContain(timeIn(slot.startsAt));
      expect(slot.endsAt.getTime() - slot.startsAt.getTime(), slot.name).toBe(HOUR);
      expect(slot.startsAt.getTime(), `${slot.name} respects the 3 h notice`).toBeGreaterThanOrEqual(searchedAt + 3 * HOUR);
      expect(slot.startsAt.getTime(), `${slot.name} is within the 5-day horizon`).toBeLessThanOrEqual(Date.now() + 5 * 24 * HOUR);
    }
    expect(offered.filter((slot) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(slot.startsAt) === dayOff), "slots on the day off").toEqual([]);
    expect(offered.filter((slot) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(slot.startsAt) === dateIn(2)).map((slot) => timeIn(slot.startsAt))).toEqual(["10:00", "11:00", "12:00", "13:00"]);
  });
});
