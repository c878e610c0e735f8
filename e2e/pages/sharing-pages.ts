import { expect, type Locator, type Page } from "@playwright/test";

/** One doctor's request under "Requests waiting for you", and the patient's (possibly narrowed) answer. */
export class AccessRequest {
  readonly allMyDocuments: Locator;
  readonly onlyDocumentsIChoose: Locator;
  readonly permission: Locator;
  readonly days: Locator;
  readonly approveButton: Locator;
  readonly declineButton: Locator;

  constructor(readonly item: Locator) {
    this.allMyDocuments = item.getByRole("radio", { name: "All my documents, including ones added later" });
    this.onlyDocumentsIChoose = item.getByRole("radio", { name: "Only the documents I choose" });
    this.permission = item.getByLabel("Permission");
    this.days = item.getByLabel("Days of access");
    this.approveButton = item.getByRole("button", { name: "Approve" });
    this.declineButton = item.getByRole("button", { name: "Decline" });
  }

  /** The checkbox of one of the patient's documents, by its title. */
  document(title: string): Locator {
    return this.item.getByRole("checkbox", { name: title, exact: true });
  }

  /** Approves only the documents named, read-only unless told otherwise. */
  async approveOnly(titles: string[]) {
    await this.onlyDocumentsIChoose.check();
    for (const title of titles) await this.document(title).check();
    await this.approveButton.click();
  }

  async approveAll() {
    await this.allMyDocuments.check();
    await this.approveButton.click();
  }
}

/** `/patient/sharing`: requests to answer, access given (open and ended), and sharing without a request. */
export class SharingPage {
  readonly heading: Locator;
  readonly requestsWaiting: Locator;
  readonly accessGiven: Locator;
  readonly grants: Locator;
  readonly openTab: Locator;
  readonly endedTab: Locator;
  readonly shareForm: Locator;
  readonly shareDoctor: Locator;
  readonly sharePermission: Locator;
  readonly shareUntil: Locator;
  readonly shareButton: Locator;
  readonly shared: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Sharing" });
    this.requestsWaiting = page.getByRole("region", { name: "Requests waiting for you" });
    this.accessGiven = page.getByRole("region", { name: "Access you have given" });
    this.grants = this.accessGiven.getByRole("list", { name: "Access you have given" }).getByRole("listitem").filter({ has: page.getByText(/^Dr\. /) });
    const tabs = this.accessGiven.getByRole("navigation", { name: "Grants" });
    this.openTab = tabs.getByRole("link", { name: "Open", exact: true });
    this.endedTab = tabs.getByRole("link", { name: "Ended", exact: true });
    this.shareForm = page.getByRole("region", { name: "Share with a doctor" });
    this.shareDoctor = this.shareForm.getByLabel("Doctor");
    this.sharePermission = this.shareForm.getByLabel("Permission");
    this.shareUntil = this.shareForm.getByLabel("Access until (end of day, UTC)");
    this.shareButton = this.shareForm.getByRole("button", { name: "Share", exact: true });
    this.shared = this.shareForm.getByText("Shared. The doctor can open it now.");
  }

  async goto(view: "open" | "ended" = "open") {
    await this.page.goto(view === "ended" ? "/patient/sharing?view=ended" : "/patient/sharing");
    await expect(this.heading).toBeVisible();
  }

  /** A waiting request, found by the reason the doctor gave (unique per test). */
  request(reason: string): AccessRequest {
    return new AccessRequest(this.requestsWaiting.getByRole("article").filter({ hasText: reason }));
  }

  /** A grant in the list shown, by the doctor and (optionally) a document title it covers. */
  grantTo(doctorName: string, documentTitle?: string): Locator {
    const byDoctor = this.grants.filter({ hasText: `Dr. ${doctorName}` });
    return documentTitle ? byDoctor.filter({ has: this.page.getByRole("link", { name: documentTitle, exact: true }) }) : byDoctor;
  }

  /** Opens the grant's confirm dialog and confirms the revocation. */
  async revoke(grant: Locator) {
    await grant.getByRole("button", { name: /^Revoke/ }).click();
    const dialog = this.page.getByRole("dialog", { name: "Revoke access?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke access", exact: true }).click();
  }

  /** Shares every document (including later ones) with a doctor, as the patient's own decision. */
  async shareAllWith(doctorOption: string, permission: "Read" | "Read and add documents") {
    await this.shareDoctor.selectOption({ label: doctorOption });
    await this.shareForm.getByRole("radio", { name: "All my documents, including ones added later" }).check();
    await this.sharePermission.selectOption({ label: permission });
    await this.shareButton.click();
  }
}

/** `/patient/access-log`: "Who opened my files". */
export class AccessLogPage {
  readonly heading: Locator;
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Who opened my files" });
    this.entries = page.getByRole("table", { name: "Access to your documents, newest first" }).getByRole("row");
  }

  async goto() {
    await this.page.goto("/patient/access-log");
    await expect(this.heading).toBeVisible();
  }

  /** Rows naming who acted on which document, with what outcome ("Allowed" or "Refused"). */
  entry({ who, what, document, outcome }: { who: string; what: string | RegExp; document: string; outcome: "Allowed" | "Refused" }): Locator {
    return this.entries
      .filter({ has: this.page.getByRole("cell", { name: who, exact: true }) })
      .filter({ has: this.page.getByRole("cell", { name: what, exact: typeof what === "string" }) })
      .filter({ has: this.page.getByRole("link", { name: document, exact: true }) })
      .filter({ has: this.page.getByRole("cell", { name: outcome, exact: true }) });
  }
}
