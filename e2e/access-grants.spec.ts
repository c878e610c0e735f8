import { minimalPdf, sha256, unique } from "./support/files";
import { atPath, demoAccount, expect, expectNoSeriousAccessibilityViolations, newPatient, test, type PatientDetails, type UserBrowser } from "./fixtures";

/**
 * The doctor of these journeys. Each test links a fresh patient to her through her invitation link, so
 * what the patient shares, and what the doctor sees of that patient, starts empty in every run and no
 * other spec's grants or documents can show up in the lists asserted here.
 */
const DOCTOR = { name: "Lena Hoffmann", email: "lena.hoffmann@medanchor.test", shareOption: "Dr. Lena Hoffmann (Cardiology)" };



interface Doc {
  title: string;
  bytes: Buffer;
}

const pdf = (name: string, buffer: Buffer) => ({ name, mimeType: "application/pdf", buffer });

/** The doctor invites a new patient, who registers through the link (linking them both ways). */
async function linkNewPatient(doctor: UserBrowser, patient: UserBrowser, first: string, last: string): Promise<PatientDetails> {
  const details = newPatient(first, last);
  await doctor.login.signInAs(demoAccount(DOCTOR.email));
  const link = await doctor.doctorDashboard.invitationPanel.invite(details.name, details.email);
  await patient.patientRegistration.goto(link);
  await patient.patientRegistration.register(details);
  await expect(patient.page).toHaveURL(atPath("/patient"));
  return details;
}

async function uploadPdf(patient: UserBrowser, title: string, kind: string, bytes: Buffer) {
  await patient.documents.upload(title, kind, pdf(`${title}.pdf`, bytes));
  await expect(patient.page.getByText(`Uploaded “${title}”. It is now in your documents.`)).toBeVisible();
  await expect(patient.documents.row(title)).toContainText("Stored");
}

/** A document's id, from the patient's own list. */
async function documentId(patient: UserBrowser, title: string): Promise<string> {
  const href = await patient.documents.row(title).getByRole("link", { name: title, exact: true }).getAttribute("href");
  const id = href?.match(/^\/patient\/documents\/([0-9a-f-]{36})$/)?.[1];
  expect(id, `link of ${title}`).toBeTruthy();
  return id!;
}

const mainNav = (user: UserBrowser) => user.page.getByRole("navigation", { name: "Main" });

test.describe("access grants", () => {
  test("a doctor requests access, the patient approves one document, the doctor opens it, the patient sees it in the access log and revokes, and the doctor's next open is refused", async ({
    openOtherBrowser,
  }) => {
    const doctor = await openOtherBrowser();
    const patient = await openOtherBrowser();
    const details = await linkNewPatient(doctor, patient, "Ingrid", "Solberg");

    // 1. The patient stores two PDFs.
    const [shared, kept] = [unique("Echocardiogram report"), unique("Psychotherapy notes")].map((title) => ({ title, bytes: minimalPdf(title) })) as [Doc, Doc];
    await mainNav(patient).getByRole("link", { name: "Documents" }).click();
    await expect(patient.documents.heading).toHaveText("Your documents");
    await uploadPdf(patient, shared.title, "Imaging", shared.bytes);
    await uploadPdf(patient, kept.title, "Other", kept.bytes);
    const sharedId = await documentId(patient, shared.title);
    const keptId = await documentId(patient, kept.title);

    // 2. The doctor asks for chosen documents, read-only, for 3 days.
    const reason = unique("Pre-operative cardiac assessment");
    await doctor.doctorPatients.open();
    await expectNoSeriousAccessibilityViolations(doctor.page);
    await doctor.doctorPatients.openPatient(details.name);
    const patientPath = new URL(doctor.page.url()).pathname;
    await expect(doctor.doctorPatient.access).toHaveText("Access No access");
    await expect(doctor.page.getByText("No access or open request")).toBeVisible();
    await expectNoSeriousAccessibilityViolations(doctor.page);
    await doctor.doctorPatient.requestAccess({ reason, scope: "chosen", permission: "READ", days: 3 });
    await expect(doctor.doctorPatient.requestSent).toBeVisible();
    await doctor.page.reload();
    const pending = doctor.doctorPatient.grants;
    await expect(pending).toHaveCount(1);
    await expect(pending).toContainText("Waiting for the patient");
    await expect(pending).toContainText("Documents the patient chooses");
    await expect(pending).toContainText("For 3 days from the patient's approval");
    await expect(pending).toContainText(reason);
    // One open request at a time: the form is gone until the patient answers.
    await expect(doctor.doctorPatient.requestCard).toHaveCount(0);

    // 3. The patient sees the request and approves only the first document.
    await mainNav(patient).getByRole("link", { name: "Sharing" }).click();
    await expect(patient.page).toHaveURL(atPath("/patient/sharing"));
    const request = patient.sharing.request(reason);
    await expect(request.item).toContainText(`Dr. ${DOCTOR.name}`);
    await expect(request.item).toContainText("Asks to read: documents you choose, for 3 days.");
    await expect(request.allMyDocuments).toHaveCount(0);
    await expectNoSeriousAccessibilityViolations(patient.page);
    // Each form's "Permission" label names its own select (axe accepts any label[for] with a matching id, so check by name).
    await expect(request.item.getByRole("combobox", { name: "Permission" })).toHaveCount(1);
    await expect(patient.sharing.shareForm.getByRole("combobox", { name: "Permission" })).toHaveCount(1);
    await request.approveOnly([shared.title]);
    await expect(patient.page.getByText(/^Access granted\./)).toBeVisible();
    await expect(patient.sharing.requestsWaiting.getByRole("article").filter({ hasText: reason })).toHaveCount(0);
    const grant = patient.sharing.grantTo(DOCTOR.name);
    await expect(grant).toHaveCount(1);
    await expect(grant).toContainText("Active");
    await expect(grant).toContainText("Read · 1 document");
    await expect(grant.getByRole("link", { name: shared.title, exact: true })).toBeVisible();
    await expect(grant.getByRole("link", { name: kept.title, exact: true })).toHaveCount(0);

    // 4. The doctor sees (and opens) only the approved document; the other one's bytes are not found.
    await doctor.doctorPatient.gotoWhenAccess(patientPath, "Access Read");
    await expect(doctor.doctorPatient.grants).toHaveCount(1);
    await expect(doctor.doctorPatient.grants).toContainText("Active");
    await expect(doctor.doctorPatient.grants).toContainText("1 chosen document");
    await expect(doctor.doctorPatient.documents).toHaveCount(1);
    await expect(doctor.doctorPatient.document(shared.title)).toHaveCount(1);
    await expect(doctor.page.getByText(kept.title)).toHaveCount(0);
    await expect(doctor.doctorPatient.readOnlyUploadNotice).toBeVisible();
    await expect(doctor.doctorPatient.upload.form).toHaveCount(0);
    await expectNoSeriousAccessibilityViolations(doctor.page);

    await doctor.doctorPatient.openDocument(shared.title);
    const sharedDocumentPath = new URL(doctor.page.url()).pathname;
    expect(sharedDocumentPath).toBe(`${patientPath}/documents/${sharedId}`);
    await expect(doctor.doctorDocument.preview).toHaveAttribute("src", `/api/documents/${sharedId}/content?inline=1`);
    await expect(doctor.doctorDocument.fullHash).toHaveText(sha256(shared.bytes));
    const contentUrl = await doctor.doctorDocument.contentUrl();
    const opened = await doctor.page.request.get(contentUrl);
    expect(opened.status()).toBe(200);
    expect(sha256(await opened.body())).toBe(sha256(shared.bytes));
    expect((await doctor.page.request.get(`/api/documents/${keptId}/content`)).status()).toBe(404);

    // 5. The patient sees the doctor's opening and the refused attempt in "who opened my files".
    await mainNav(patient).getByRole("link", { name: "Access log" }).click();
    await expect(patient.accessLog.heading).toBeVisible();
    await expect(patient.accessLog.entry({ who: `Dr. ${DOCTOR.name}`, what: /^(Viewed|Downloaded)$/, document: shared.title, outcome: "Allowed" }).first()).toBeVisible();
    await expect(patient.accessLog.entry({ who: `Dr. ${DOCTOR.name}`, what: "Downloaded", document: shared.title, outcome: "Allowed" })).toHaveCount(1);
    await expect(patient.accessLog.entry({ who: `Dr. ${DOCTOR.name}`, what: "Tried to open (refused)", document: kept.title, outcome: "Refused" })).toHaveCount(1);
    await expect(patient.accessLog.entries.filter({ hasText: kept.title }).filter({ hasText: "Allowed" })).toHaveCount(0);
    await expectNoSeriousAccessibilityViolations(patient.page);

    // 6. The patient revokes; the grant moves to the ended ones.
    await patient.sharing.goto();
    await patient.sharing.revoke(patient.sharing.grantTo(DOCTOR.name, shared.title));
    await expect(patient.page.getByText(/^Access revoked\./)).toBeVisible();
    await expect(patient.sharing.grantTo(DOCTOR.name)).toHaveCount(0);
    await patient.sharing.endedTab.click();
    await expect(patient.page).toHaveURL(atPath("/patient/sharing", { view: "ended" }));
    const ended = patient.sharing.grantTo(DOCTOR.name, shared.title);
    await expect(ended).toHaveCount(1);
    await expect(ended).toContainText("Revoked");
    await expect(ended.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

    // 7. The doctor's next open is refused, bytes and page alike.
    expect((await doctor.page.request.get(contentUrl)).status()).toBe(404);
    await doctor.doctorDocument.goto(sharedDocumentPath);
    await expect(doctor.doctorDocument.unavailable).toBeVisible();
    await expect(doctor.doctorDocument.accessGone).toBeVisible();
    await expect(doctor.doctorDocument.preview).toHaveCount(0);
    await expect(doctor.doctorDocument.downloadLink).toHaveCount(0);
    await expect(doctor.page.getByText(shared.title)).toHaveCount(0);
    await doctor.doctorPatient.goto(patientPath);
    await expect(doctor.doctorPatient.access).toHaveText("Access No access");
    await expect(doctor.doctorPatient.grants).toHaveCount(0);
    await expect(doctor.doctorPatient.documents).toHaveCount(0);

    // The refused attempt after the revocation is in the patient's log too.
    await patient.accessLog.goto();
    await expect(patient.accessLog.entry({ who: `Dr. ${DOCTOR.name}`, what: "Tried to open (refused)", document: shared.title, outcome: "Refused" }).first()).toBeVisible();
  });

  test("a read-only grant offers the doctor no upload; under read & write the doctor uploads a report the patient sees as theirs, by the doctor", async ({ openOtherBrowser }) => {
    const doctor = await openOtherBrowser();
    const patient = await openOtherBrowser();
    const details = await linkNewPatient(doctor, patient, "Oskar", "Lindgren");

    // Read-only access to all documents, asked for and approved.
    const reason = unique("Review of your cardiology history");
    await doctor.doctorPatients.open();
    await doctor.doctorPatients.openPatient(details.name);
    const patientPath = new URL(doctor.page.url()).pathname;
    await expect(doctor.doctorPatient.uploadCard).toHaveCount(0);
    await doctor.doctorPatient.requestAccess({ reason, scope: "all", permission: "READ", days: 2 });
    await expect(doctor.doctorPatient.requestSent).toBeVisible();

    await patient.sharing.goto();
    const request = patient.sharing.request(reason);
    await expect(request.item).toContainText("Asks to read: all your documents, for 2 days.");
    // The doctor asked for read only: the patient cannot widen it to read & write.
    await expect(request.permission.getByRole("option")).toHaveText(["Read"]);
    await request.approveAll();
    await expect(patient.sharing.grantTo(DOCTOR.name)).toContainText("Read · All documents, including later ones");

    await doctor.doctorPatient.gotoWhenAccess(patientPath, "Access Read");
    await expect(doctor.doctorPatient.readOnlyUploadNotice).toBeVisible();
    await expect(doctor.doctorPatient.upload.form).toHaveCount(0);
    await expect(doctor.page.getByRole("form", { name: "Upload a document" })).toHaveCount(0);

    // The patient shares everything with read & write, without waiting for a request.
    await patient.sharing.shareAllWith(DOCTOR.shareOption, "Read and add documents");
    await expect(patient.sharing.shared).toBeVisible();
    await expect(patient.sharing.grantTo(DOCTOR.name).filter({ hasText: "Read and add documents · All documents, including later ones" })).toHaveCount(1);

    // The doctor uploads a report for the patient.
    await doctor.doctorPatient.gotoWhenAccess(patientPath, "Access Read & write");
    await expect(doctor.doctorPatient.readOnlyUploadNotice).toHaveCount(0);
    const report = unique("Cardiology consultation report");
    const bytes = minimalPdf(report);
    await doctor.doctorPatient.upload.uploadReport(report, "Report", pdf("consultation.pdf", bytes));
    await expect(doctor.doctorPatient.upload.uploaded(report)).toBeVisible();
    await expect(doctor.doctorPatient.upload.progress).toHaveAttribute("value", "100");
    const listed = doctor.doctorPatient.document(report);
    await expect(listed).toContainText("Stored");
    await expect(listed).toContainText("by you");

    // The patient finds it in their documents, uploaded by the doctor, with the same bytes.
    await mainNav(patient).getByRole("link", { name: "Documents" }).click();
    await expect(patient.documents.heading).toHaveText("Your documents");
    const row = patient.documents.row(report);
    await expect(row).toContainText("Report");
    await expect(row).toContainText("Stored");
    await expect(row).toContainText(`by Dr. ${DOCTOR.name}`);
    await expect(row.getByTestId("sha256-short")).toHaveText(`${sha256(bytes).slice(0, 12)}…`);
    const download = await patient.page.request.get(`/api/documents/${await documentId(patient, report)}/content`);
    expect(download.status()).toBe(200);
    expect(sha256(await download.body())).toBe(sha256(bytes));
  });
});
