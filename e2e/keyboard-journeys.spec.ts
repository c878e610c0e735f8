import { expect, test } from "./fixtures";
import { minimalPdf, sha256, unique } from "./support/files";
import { SAVED_ROLES } from "./support/roles";

/**
 * The patient's two main journeys with the keyboard only: Tab and Shift+Tab to move, Enter, Space and
 * arrow keys to act, typing where the focus is. Before each key that acts, the expected control has
 * visible focus. The only step outside the page is the file dialog, answered with setFiles.
 */
const DOCTOR = SAVED_ROLES.doctor.name;
/** Unique per run, so reruns against a reused server find this run's appointment only. */
const RUN = Date.now().toString(36);
const VISIT_REASON = `Booked without a mouse ${RUN}`;
const CANCEL_REASON = `Plans changed ${RUN}`;

test.describe("keyboard-only journeys", () => {
  test("a patient books an appointment and cancels it with the keyboard only", async ({ patient }) => {
    const { page, keyboard, findDoctor, slotPicker, patientAppointments } = patient;
    const nav = page.getByRole("navigation", { name: "Main" });

    // The first stop on every page is the skip link; the main navigation follows.
    await keyboard.tabToNext(page.getByRole("link", { name: "Skip to content" }));
    const findADoctor = nav.getByRole("link", { name: "Find a doctor" });
    await keyboard.tabTo(findADoctor);
    await keyboard.pressOn(findADoctor, "Enter");
    await expect(findDoctor.heading).toBeVisible();

    await keyboard.tabTo(findDoctor.nameOrFacility);
    await keyboard.typeInto(findDoctor.nameOrFacility, DOCTOR);
    await keyboard.pressOn(findDoctor.nameOrFacility, "Enter");
    await page.waitForURL((url) => url.searchParams.get("query") === DOCTOR);
    const seeTimes = findDoctor.results.filter({ hasText: `Dr. ${DOCTOR}` }).getByRole("link", { name: `See times for Dr. ${DOCTOR}` });
    await keyboard.tabTo(seeTimes);
    await keyboard.pressOn(seeTimes, "Enter");
    await expect(slotPicker.heading).toHaveText(`Book with Dr. ${DOCTOR}`);

    // Tab enters the list of times on its first slot; arrow keys move (and choose) within it.
    const offered = await slotPicker.offeredSlots();
    const target = offered.findIndex((slot) => slot.startsAt.getTime() >= Date.now() + 3 * 3_600_000) + 2;
    expect(target, "a slot at least 3 hours ahead").toBeGreaterThanOrEqual(2);
    await keyboard.tabTo(slotPicker.slot(offered[0]!.value));
    await keyboard.pressOn(slotPicker.slot(offered[0]!.value), "Space");
    await expect(slotPicker.chosenSlot).toContainText(offered[0]!.name);
    for (let i = 1; i <= target; i++) {
      await keyboard.pressOn(slotPicker.slot(offered[i - 1]!.value), "ArrowRight");
      await expect(slotPicker.slot(offered[i]!.value)).toBeFocused();
    }
    const slot = offered[target]!;
    await expect(slotPicker.slot(slot.value)).toBeChecked();
    await expect(slotPicker.chosenSlot).toContainText(slot.name);

    // The whole list of times is one stop: the next is the reason, then the button; Shift+Tab goes back to the chosen time.
    await keyboard.tabToNext(slotPicker.reason);
    await keyboard.tabToNext(slotPicker.slot(slot.value), { backwards: true });
    await keyboard.tabToNext(slotPicker.reason);
    await keyboard.typeInto(slotPicker.reason, VISIT_REASON);
    await expect(page.getByText(`${VISIT_REASON.length}/500 characters`)).toBeVisible();
    await keyboard.tabToNext(slotPicker.bookButton);
    await keyboard.pressOn(slotPicker.bookButton, "Enter");

    await expect(page).toHaveURL(/\/patient\?booked=1$/);
    await expect(page.getByText("Your appointment is booked. The doctor has been notified.")).toBeVisible();
    const booked = patientAppointments.upcomingWith(DOCTOR).filter({ hasText: VISIT_REASON });
    await expect(booked).toHaveCount(1);
    await expect(booked).toContainText(slot.name);

    // The cancel dialog takes focus (on its reason box); Escape closes it and gives focus back to the button.
    const cancel = booked.getByRole("button", { name: `Cancel the appointment with Dr. ${DOCTOR}` });
    await keyboard.tabTo(cancel, { maxPresses: 80 });
    await keyboard.pressOn(cancel, "Enter");
    const dialog = page.getByRole("dialog", { name: "Cancel this appointment?" });
    const reason = dialog.getByLabel("Reason (optional)");
    await expect(reason).toBeFocused();
    await keyboard.pressOn(reason, "Escape");
    await expect(dialog).toBeHidden();
    await keyboard.expectFocusShownOn(cancel);

    await keyboard.pressOn(cancel, "Space");
    await keyboard.typeInto(reason, CANCEL_REASON);
    await keyboard.tabToNext(dialog.getByRole("button", { name: "Keep appointment" }));
    const confirm = dialog.getByRole("button", { name: "Cancel appointment", exact: true });
    await keyboard.tabToNext(confirm);
    // Focus stays inside the open dialog: past its last button it wraps around, never reaching the page behind.
    await keyboard.tabAroundWithin(dialog, 4);
    await keyboard.tabTo(confirm, { maxPresses: 6 });
    await keyboard.pressOn(confirm, "Enter");

    await expect(page).toHaveURL(/\/patient\?cancelled=1$/);
    await expect(page.getByText("Your appointment has been cancelled.")).toBeVisible();
    await expect(patientAppointments.upcoming.filter({ hasText: VISIT_REASON })).toHaveCount(0);
    const cancelled = patientAppointments.past.filter({ hasText: `Cancelled by you: ${CANCEL_REASON}` });
    await expect(cancelled).toHaveCount(1);
    await expect(cancelled).toContainText(slot.name);
  });

  test("a patient uploads a document with the keyboard only", async ({ patient }) => {
    const { page, keyboard, documents } = patient;
    const title = unique("Keyboard vaccination record");
    const bytes = minimalPdf(title);

    const documentsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" });
    await keyboard.tabTo(documentsLink);
    await keyboard.pressOn(documentsLink, "Enter");
    await expect(documents.heading).toHaveText("Your documents");

    await keyboard.tabTo(documents.title);
    await keyboard.typeInto(documents.title, title);
    await keyboard.tabToNext(documents.kind);
    // A closed select takes the typed start of an option's name.
    await keyboard.typeInto(documents.kind, "Lab");
    await expect(documents.kind).toHaveValue("LAB_RESULT");
    // The date's day, month and year parts are stops of their own; the file input comes after the note.
    const onTheWay = await keyboard.tabTo(documents.file);
    expect(onTheWay.filter((name) => !/^input Date of service/.test(name))).toEqual([expect.stringMatching(/^textarea Note/)]);
    await keyboard.chooseFile(documents.file, { name: "vaccination-record.pdf", mimeType: "application/pdf", buffer: bytes });
    await keyboard.tabToNext(documents.uploadButton);
    await keyboard.pressOn(documents.uploadButton, "Enter");

    await expect(documents.uploaded).toBeVisible();
    await expect(page.getByText(`Uploaded “${title}”. It is now in your documents.`)).toBeVisible();
    // The result takes focus, so a screen reader announces it and Tab continues from there.
    expect(await keyboard.focusedName()).toContain(`Uploaded “${title}”`);
    const row = documents.row(title);
    await expect(row).toContainText("Stored");
    await expect(row).toContainText("Lab result");
    await expect(row.getByTestId("sha256-short")).toHaveText(`${sha256(bytes).slice(0, 12)}…`);

    // The new document opens from the list with Enter.
    const link = row.getByRole("link", { name: title, exact: true });
    await keyboard.tabTo(link, { maxPresses: 80 });
    await keyboard.pressOn(link, "Enter");
    await expect(documents.heading).toHaveText(title);
    await expect(documents.fullHash).toHaveText(sha256(bytes));
  });
});
