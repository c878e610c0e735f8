import { demoAccount, expect, expectNoSeriousAccessibilityViolations, test, type UserBrowser } from "./fixtures";

/** Seeded with weekday hours; nobody else books her in the end-to-end tests. */
const DOCTOR = "Aisha Rahman";
const PATIENTS = ["david.okafor@medanchor.test", "sofia.rossi@medanchor.test"] as const;

async function openSlots(user: UserBrowser) {
  await user.findDoctor.search(DOCTOR);
  await user.findDoctor.results.filter({ hasText: `Dr. ${DOCTOR}` }).getByRole("link", { name: /^See times/ }).click();
  await expect(user.slotPicker.heading).toHaveText(`Book with Dr. ${DOCTOR}`);
}

/** Waits until the submit has settled one way or the other; true when this patient got the slot. */
async function won(user: UserBrowser): Promise<boolean> {
  await expect(user.page.getByText(/Your appointment is booked|This slot was just taken/).first()).toBeVisible();
  return new URL(user.page.url()).searchParams.get("booked") === "1";
}

test("two patients submit the same slot at the same moment: one books it, the other is told it was just taken", async ({ openOtherBrowser }) => {
  const first = await openOtherBrowser();
  const second = await openOtherBrowser();
  await Promise.all(PATIENTS.map((email, i) => [first, second][i]!.login.signInAs(demoAccount(email))));
  await Promise.all([openSlots(first), openSlots(second)]);
  await expectNoSeriousAccessibilityViolations(first.page);

  const [slot] = await first.slotPicker.offeredSlots();
  for (const user of [first, second]) {
    await user.slotPicker.choose(slot!);
    await user.slotPicker.reason.fill("Itchy rash on both forearms");
  }
  await Promise.all([first.slotPicker.bookButton.click(), second.slotPicker.bookButton.click()]);

  const outcomes = await Promise.all([won(first), won(second)]);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  const winner = outcomes[0] ? first : second;
  const loser = outcomes[0] ? second : first;

  await expect(winner.page).toHaveURL(/\/patient\?booked=1$/);
  await expect(winner.patientAppointments.upcomingWith(DOCTOR).filter({ hasText: slot!.name })).toHaveCount(1);

  await expect(loser.slotPicker.slotTakenMessage).toBeVisible();
  await expect(loser.page).toHaveURL(/\/patient\/doctors\/[0-9a-f-]+$/);
  // The list was refreshed: the taken slot is gone, nothing is chosen, and the rest can still be booked.
  await expect(loser.slotPicker.slot(slot!.value)).toHaveCount(0);
  await expect(loser.slotPicker.chosenSlot).toHaveText("No time chosen yet");
  await expect(loser.slotPicker.reason).toHaveValue("Itchy rash on both forearms");
  const [next] = await loser.slotPicker.offeredSlots();
  expect(next!.value).not.toBe(slot!.value);
  await loser.slotPicker.choose(next!);
  await loser.slotPicker.bookButton.click();
  await expect(loser.page).toHaveURL(/\/patient\?booked=1$/);
  await expect(loser.patientAppointments.upcomingWith(DOCTOR).filter({ hasText: next!.name })).toHaveCount(1);
});
