/**
 * Data the journeys need, made through the app the way a user makes it (uploads, bookings, sharing), so
 * every layer under the page is exercised too. Titles come from the specs, written as `unique("…")`
 * literals there, so the log-privacy check (zz-log-privacy.spec.ts) knows to look for them.
 */
import { expect, type Locator } from "@playwright/test";
import type { UserBrowser } from "./fixtures";
import type { OfferedSlot } from "./pages/appointment-pages";
import { minimalPdf } from "./support/files";

/** The id at the end of a link's path, e.g. /patient/documents/<id>. */
export async function idFromLink(link: Locator, pattern: RegExp): Promise<string> {
  const href = await link.getAttribute("href");
  const id = href?.match(pattern)?.[1];
  expect(id, `an id in ${href}`).toBeTruthy();
  return id!;
}

export interface StoredDocument {
  id: string;
  title: string;
  bytes: Buffer;
}

/** The patient uploads a small PDF on their documents page and waits until it is stored. */
export async function storedDocument(patient: UserBrowser, title: string, kind = "Lab result"): Promise<StoredDocument> {
  const bytes = minimalPdf(title);
  await patient.documents.goto();
  await patient.documents.upload(title, kind, { name: "scan.pdf", mimeType: "application/pdf", buffer: bytes });
  await expect(patient.documents.row(title)).toContainText("Stored");
  const id = await idFromLink(patient.documents.row(title).getByRole("link", { name: title, exact: true }), /^\/patient\/documents\/([0-9a-f-]{36})$/);
  return { id, title, bytes };
}

/** The patient finds the doctor in the directory and opens the doctor's free times; returns the doctor's id. */
export async function openDoctorSlots(patient: UserBrowser, doctorName: string): Promise<string> {
  await patient.findDoctor.search(doctorName);
  const seeTimes = patient.findDoctor.results.filter({ hasText: `Dr. ${doctorName}` }).getByRole("link", { name: /^See times/ });
  const doctorId = await idFromLink(seeTimes, /^\/patient\/doctors\/([0-9a-f-]{36})$/);
  await seeTimes.click();
  await expect(patient.slotPicker.heading).toHaveText(`Book with Dr. ${doctorName}`);
  return doctorId;
}

/** The patient books the doctor's first free slot at or after `earliest`; returns the slot and the doctor's and appointment's ids. */
export async function bookedAppointment(patient: UserBrowser, doctorName: string, earliest: Date): Promise<{ slot: OfferedSlot; doctorId: string; appointmentId: string }> {
  const doctorId = await openDoctorSlots(patient, doctorName);
  const slot = await patient.slotPicker.firstSlotFrom(earliest);
  await patient.slotPicker.choose(slot);
  await patient.slotPicker.bookButton.click();
  await expect(patient.page).toHaveURL(/\/patient\?booked=1$/);
  const booked = patient.patientAppointments.upcomingWith(doctorName).filter({ hasText: slot.name });
  const appointmentId = await idFromLink(booked.getByRole("link", { name: /^Reschedule/ }), /^\/patient\/appointments\/([0-9a-f-]+)\/reschedule$/);
  return { slot, doctorId, appointmentId };
}

/** The patient shares every document, read-only, with a doctor (picked by the form's option label). */
export async function sharedAllDocumentsWith(patient: UserBrowser, doctorOption: string) {
  await patient.sharing.goto();
  await patient.sharing.shareAllWith(doctorOption, "Read");
  await expect(patient.sharing.shared).toBeVisible();
}
