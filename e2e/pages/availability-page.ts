import { expect, type Locator, type Page } from "@playwright/test";

/** `/doctor/availability`: weekly hours, days off and extra hours, booking settings, and the preview of free slots. */
export class AvailabilityPage {
  readonly heading: Locator;
  readonly weeklyHours: Locator;
  readonly rules: Locator;
  readonly addHoursButton: Locator;
  readonly saveWeeklyHoursButton: Locator;
  readonly exceptionsCard: Locator;
  readonly exceptions: Locator;
  readonly exceptionDate: Locator;
  readonly dayOff: Locator;
  readonly addExceptionButton: Locator;
  readonly settings: Locator;
  readonly minimumNotice: Locator;
  readonly horizon: Locator;
  readonly saveSettingsButton: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Availability" });
    this.weeklyHours = page.getByRole("region", { name: "Weekly hours" });
    this.rules = this.weeklyHours.getByRole("list", { name: "Weekly rules" }).getByRole("listitem");
    this.addHoursButton = this.weeklyHours.getByRole("button", { name: "Add hours" });
    this.saveWeeklyHoursButton = this.weeklyHours.getByRole("button", { name: "Save weekly hours" });
    this.exceptionsCard = page.getByRole("region", { name: "Days off and extra hours" });
    this.exceptions = this.exceptionsCard.getByRole("list", { name: "Upcoming exceptions" }).getByRole("listitem");
    this.exceptionDate = this.exceptionsCard.getByLabel("Date", { exact: true });
    this.dayOff = this.exceptionsCard.getByRole("radio", { name: "Day off" });
    this.addExceptionButton = this.exceptionsCard.getByRole("button", { name: "Add exception" });
    this.settings = page.getByRole("region", { name: "Booking settings" });
    this.minimumNotice = this.settings.getByLabel("Minimum notice (hours)");
    this.horizon = this.settings.getByLabel("Booking horizon (days)");
    this.saveSettingsButton = this.settings.getByRole("button", { name: "Save booking settings" });
    this.preview = page.getByRole("region", { name: "What patients see" });
  }

  /** Through the dashboard's "Availability" button, as a doctor gets there. */
  async open() {
    await this.page.goto("/doctor");
    await this.page.getByRole("link", { name: "Availability", exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** A control of a weekly rule, e.g. ("Monday rule 1", "start"). */
  ruleControl(rule: string, control: "day" | "start" | "end" | "slot length" | "buffer"): Locator {
    return this.weeklyHours.getByLabel(`${rule} ${control}`, { exact: true });
  }

  /** Adds Monday's hours, then copies them to each following day of the week (what "Add hours" does), and saves. */
  async setHoursEveryDay(start: string, end: string, slotLength: string) {
    await this.addHoursButton.click();
    await this.ruleControl("Monday rule 1", "start").fill(start);
    await this.ruleControl("Monday rule 1", "end").fill(end);
    await this.ruleControl("Monday rule 1", "slot length").selectOption({ label: slotLength });
    for (let day = 2; day <= 7; day++) await this.addHoursButton.click();
    await this.saveWeeklyHoursButton.click();
  }

  async addDayOff(isoDate: string) {
    await this.exceptionDate.fill(isoDate);
    await this.dayOff.check();
    await this.addExceptionButton.click();
  }

  async saveBookingSettings(minimumNoticeHours: number, horizonDays: number) {
    await this.minimumNotice.fill(String(minimumNoticeHours));
    await this.horizon.fill(String(horizonDays));
    await this.saveSettingsButton.click();
  }

  /** One day of the preview, found by the start of its heading ("Today, …", "Tomorrow, …"). */
  previewDay(headingStart: string): Locator {
    return this.preview.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: new RegExp(`^${headingStart}`) }) });
  }
}
