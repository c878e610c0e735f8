import { expect, type Locator, type Page } from "@playwright/test";
import { card } from "./doctor-dashboard";

/** A slot as the page offers it: its accessible name ("Tue 2 Dec, 09:00") and its ISO interval value. */
export interface OfferedSlot {
  name: string;
  startsAt: Date;
  endsAt: Date;
  value: string;
}

/** `/patient/doctors/[id]` (booking) and `/patient/appointments/[id]/reschedule`: free slots and the summary. */
export class SlotPickerPage {
  readonly heading: Locator;
  readonly slots: Locator;
  readonly chosenSlot: Locator;
  readonly reason: Locator;
  readonly bookButton: Locator;
  readonly moveButton: Locator;
  readonly slotTakenMessage: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.slots = page.getByRole("radio");
    this.chosenSlot = page.getByTestId("chosen-slot");
    this.reason = page.getByLabel("Reason for the visit (optional)");
    this.bookButton = page.getByRole("button", { name: "Book appointment" });
    this.moveButton = page.getByRole("button", { name: "Move appointment" });
    this.slotTakenMessage = page.getByRole("alert").filter({ hasText: "This slot was just taken. Please choose another time." });
  }

  /** Every slot offered, in order (waits until the browser has rendered them in its own zone). */
  async offeredSlots(): Promise<OfferedSlot[]> {
    await expect(this.slots.first()).toBeVisible();
    const radios = await this.slots.all();
    return Promise.all(
      radios.map(async (radio) => {
        const value = (await radio.getAttribute("value"))!;
        const [start, end] = value.split("/") as [string, string];
        return { name: (await radio.getAttribute("aria-label"))!, startsAt: new Date(start), endsAt: new Date(end), value };
      }),
    );
  }

  /** The first offered slot starting at or after `earliest`. */
  async firstSlotFrom(earliest: Date): Promise<OfferedSlot> {
    const slot = (await this.offeredSlots()).find((s) => s.startsAt >= earliest);
    if (!slot) throw new Error(`no slot offered from ${earliest.toISOString()}`);
    return slot;
  }

  slot(value: string): Locator {
    return this.page.locator(`input[type="radio"][value="${value}"]`);
  }

  async choose(slot: OfferedSlot) {
    await this.page.getByRole("radio", { name: slot.name, exact: true }).check();
    await expect(this.chosenSlot).toContainText(slot.name);
  }
}

/** The patient dashboard's appointment cards. */
export class PatientAppointmentsPanel {
  readonly upcoming: Locator;
  readonly past: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.upcoming = card(page, "Upcoming appointments").getByRole("listitem");
    this.past = card(page, "Past appointments").getByRole("listitem");
    this.notice = page.getByRole("status").filter({ hasText: "The doctor has been notified." });
  }

  async goto() {
    await this.page.goto("/patient");
  }

  upcomingWith(doctorName: string): Locator {
    return this.upcoming.filter({ hasText: `Dr. ${doctorName}` });
  }

  async reschedule(item: Locator) {
    await item.getByRole("link", { name: /^Reschedule/ }).click();
    await expect(this.page).toHaveURL(/\/patient\/appointments\/[0-9a-f-]+\/reschedule$/);
  }

  /** Opens the cancel dialog of an upcoming appointment, gives an optional reason and confirms. */
  async cancel(item: Locator, reason?: string) {
    await item.getByRole("button", { name: /^Cancel the appointment/ }).click();
    const dialog = this.page.getByRole("dialog", { name: "Cancel this appointment?" });
    await expect(dialog).toBeVisible();
    if (reason) await dialog.getByLabel("Reason (optional)").fill(reason);
    await dialog.getByRole("button", { name: "Cancel appointment", exact: true }).click();
  }
}

/** The verified doctor's dashboard cards and `/doctor/appointments`. */
export class DoctorAppointmentsPanel {
  readonly nextPatient: Locator;
  readonly upcomingCount: Locator;
  readonly comingUp: Locator;
  readonly needsOutcome: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.nextPatient = page.getByTestId("next-patient");
    this.upcomingCount = page.getByTestId("upcoming-count");
    this.comingUp = page.getByRole("list", { name: "Coming up" }).getByRole("listitem");
    this.needsOutcome = card(page, "Needs an outcome").getByRole("listitem");
    this.notice = page.getByRole("status");
  }

  async gotoAppointments(view: "today" | "week" | "upcoming" = "today") {
    await this.page.goto(view === "today" ? "/doctor/appointments" : `/doctor/appointments?view=${view}`);
  }

  /** A row of the current appointment list naming the patient. */
  row(patientName: string): Locator {
    return this.page.getByRole("listitem").filter({ hasText: patientName });
  }
}

/** The header's notification bell and its panel. */
export class NotificationBell {
  readonly button: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole("banner").getByRole("button", { name: /^Notifications/ });
    this.panel = page.getByTestId("notification-panel");
  }

  async open() {
    await this.button.click();
    await expect(this.button).toHaveAttribute("aria-expanded", "true");
  }

  async markAllRead() {
    await this.panel.getByRole("button", { name: "Mark all as read" }).click();
    await expect(this.button).toHaveAccessibleName("Notifications");
  }
}
