import { expect, type Locator, type Page } from "@playwright/test";
import type { UploadFile } from "./document-pages";

/** `/doctor/patients`: the doctor's patients (searchable) and their open requests and access. */
export class DoctorPatientsPage {
  readonly heading: Locator;
  readonly nameContains: Locator;
  readonly searchButton: Locator;
  readonly patients: Locator;
  readonly openRequestsAndAccess: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Your patients" });
    const search = page.getByRole("search", { name: "Patients" });
    this.nameContains = search.getByLabel("Name contains");
    this.searchButton = search.getByRole("button", { name: "Search" });
    this.patients = page.getByRole("table", { name: "Your patients" });
    this.openRequestsAndAccess = page.getByRole("list", { name: "Open requests and access" }).getByRole("listitem");
  }

  /** Through the header's "Patients" link, as a doctor gets there. */
  async open() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patients", exact: true }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === "/doctor/patients");
    await expect(this.heading).toBeVisible();
  }

  async search(name: string) {
    await this.nameContains.fill(name);
    await this.searchButton.click();
    await this.page.waitForURL((url) => url.searchParams.get("q") === name);
  }

  rowFor(name: string): Locator {
    return this.patients.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** Finds the patient by name and opens their page. */
  async openPatient(name: string) {
    await this.search(name);
    await this.rowFor(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page).toHaveURL(/\/doctor\/patients\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  }
}

export interface AccessRequestDetails {
  reason: string;
  scope: "all" | "chosen";
  permission: "READ" | "READ_WRITE";
  days: number;
}

const PERMISSION_OPTION = { READ: "Read only", READ_WRITE: "Read & write (you can upload reports)" } as const;

/** `/doctor/patients/<id>`: access (grants, requests), the granted documents, "Request access" and "Upload a report". */
export class DoctorPatientPage {
  readonly heading: Locator;
  readonly access: Locator;
  readonly grants: Locator;
  readonly documents: Locator;
  readonly requestCard: Locator;
  readonly reason: Locator;
  readonly allDocuments: Locator;
  readonly chosenDocuments: Locator;
  readonly permission: Locator;
  readonly howLong: Locator;
  readonly days: Locator;
  readonly requestButton: Locator;
  readonly requestSent: Locator;
  readonly uploadCard: Locator;
  readonly readOnlyUploadNotice: Locator;
  readonly upload: ReportUploadForm;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    // Beside the page heading: "Access" and a badge, "No access", "Read" or "Read & write".
    this.access = page.getByText(/^Access (No access|Read|Read & write)$/);
    this.grants = page.getByRole("list", { name: "Your access and requests" }).getByRole("listitem").filter({ has: page.getByText("Permission", { exact: true }) });
    this.documents = page.getByRole("list", { name: "Patient documents" }).getByRole("listitem");
    this.requestCard = page.getByRole("region", { name: "Request access" });
    const form = this.requestCard.getByRole("form");
    this.reason = form.getByLabel("Reason");
    this.allDocuments = form.getByRole("radio", { name: "All documents, including ones added while access lasts" });
    this.chosenDocuments = form.getByRole("radio", { name: "Only the documents the patient chooses" });
    this.permission = form.getByLabel("Permission");
    this.howLong = form.getByLabel("How long");
    this.days = form.getByLabel("Number of days");
    this.requestButton = form.getByRole("button", { name: "Request access" });
    this.requestSent = this.requestCard.getByText("Request sent. You will be notified when the patient answers.");
    this.uploadCard = page.getByRole("region", { name: "Upload a report" });
    this.readOnlyUploadNotice = this.uploadCard.getByText("Uploading reports needs read & write access. Your current access is read-only.");
    this.upload = new ReportUploadForm(this.uploadCard);
  }

  async goto(patientPath: string) {
    await this.page.goto(patientPath);
  }

  /**
   * Opens the patient page until it shows `access`: a grant opens to the doctor only once the worker has
   * recorded it on the ledger (about a second after the patient's decision).
   */
  async gotoWhenAccess(patientPath: string, access: string) {
    await expect(async () => {
      await this.page.goto(patientPath);
      await expect(this.access).toHaveText(access, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  }

  async requestAccess(request: AccessRequestDetails) {
    await this.reason.fill(request.reason);
    await (request.scope === "all" ? this.allDocuments : this.chosenDocuments).check();
    await this.permission.selectOption({ label: PERMISSION_OPTION[request.permission] });
    // With visits booked, the duration defaults to "until after a visit"; ask for days instead.
    if (await this.howLong.count()) await this.howLong.selectOption({ label: "A number of days" });
    await this.days.fill(String(request.days));
    await this.requestButton.click();
  }

  /** A granted document's row in "Documents", by title. */
  document(title: string): Locator {
    return this.documents.filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  async openDocument(title: string) {
    await this.document(title).getByRole("link", { name: title, exact: true }).click();
    await expect(this.page).toHaveURL(/\/doctor\/patients\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}$/);
    await expect(this.heading).toHaveText(title);
  }
}

/** The upload form inside the doctor's "Upload a report" card (only under a read & write grant). */
export class ReportUploadForm {
  readonly form: Locator;
  readonly title: Locator;
  readonly kind: Locator;
  readonly file: Locator;
  readonly uploadButton: Locator;
  readonly progress: Locator;

  constructor(card: Locator) {
    this.form = card.getByRole("form", { name: "Upload a document" });
    this.title = this.form.getByLabel("Title");
    this.kind = this.form.getByLabel("Kind");
    this.file = this.form.getByLabel("File");
    this.uploadButton = this.form.getByRole("button", { name: "Upload" });
    this.progress = this.form.getByRole("progressbar", { name: "Upload progress" });
  }

  /** "Uploaded “<title>”. It is now in the patient's documents." */
  uploaded(title: string): Locator {
    return this.form.getByText(`Uploaded “${title}”. It is now in the patient's documents.`);
  }

  async uploadReport(title: string, kind: string, file: UploadFile) {
    await this.title.fill(title);
    await this.kind.selectOption({ label: kind });
    await this.file.setInputFiles(file);
    await this.uploadButton.click();
  }
}

/** `/doctor/patients/<pid>/documents/<id>`: a shared document's preview, details and download, or the notice that access is gone. */
export class DoctorDocumentPage {
  readonly heading: Locator;
  readonly preview: Locator;
  readonly downloadLink: Locator;
  readonly fullHash: Locator;
  readonly unavailable: Locator;
  readonly accessGone: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.preview = page.locator("iframe[sandbox]");
    this.downloadLink = page.getByRole("link", { name: "Download", exact: true });
    this.fullHash = page.getByTestId("sha256-full");
    this.unavailable = page.getByRole("heading", { level: 1, name: "Document unavailable" });
    this.accessGone = page.getByText("You no longer have access to this document");
  }

  async goto(path: string) {
    await this.page.goto(path);
  }

  /** The document's content URL, as its Download link points to it. */
  async contentUrl(): Promise<string> {
    const href = await this.downloadLink.getAttribute("href");
    expect(href).toMatch(/^\/api\/documents\/[0-9a-f-]{36}\/content$/);
    return href!;
  }
}
