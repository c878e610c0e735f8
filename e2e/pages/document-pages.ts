import { expect, type Locator, type Page } from "@playwright/test";

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** `/patient/documents`: the list, its filters and the upload form; and `/patient/documents/[id]`. */
export class DocumentsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly title: Locator;
  readonly kind: Locator;
  readonly serviceDate: Locator;
  readonly file: Locator;
  readonly uploadButton: Locator;
  readonly progress: Locator;
  readonly percent: Locator;
  readonly uploaded: Locator;
  readonly refused: Locator;
  readonly downloadLink: Locator;
  readonly fullHash: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.list = page.getByRole("list", { name: "Your documents" }).getByRole("listitem");
    const form = page.getByRole("form", { name: "Upload a document" });
    this.title = form.getByLabel("Title");
    this.kind = form.getByLabel("Kind");
    this.serviceDate = form.getByLabel("Date of service (optional)");
    this.file = form.getByLabel("File");
    this.uploadButton = form.getByRole("button", { name: "Upload" });
    this.progress = form.getByRole("progressbar", { name: "Upload progress" });
    this.percent = form.getByTestId("upload-percent");
    this.uploaded = form.getByRole("status").filter({ hasText: "Uploaded" });
    this.refused = form.getByRole("alert").filter({ hasText: "The upload was refused" });
    this.downloadLink = page.getByRole("link", { name: "Download", exact: true });
    this.fullHash = page.getByTestId("sha256-full");
  }

  async goto() {
    await this.page.goto("/patient/documents");
    await expect(this.heading).toHaveText("Your documents");
  }

  async upload(title: string, kind: string, file: UploadFile) {
    await this.title.fill(title);
    await this.kind.selectOption({ label: kind });
    await this.file.setInputFiles(file);
    await this.uploadButton.click();
  }

  row(title: string): Locator {
    return this.list.filter({ hasText: title });
  }

  async open(title: string) {
    await this.row(title).getByRole("link", { name: title }).click();
    await expect(this.page).toHaveURL(/\/patient\/documents\/[0-9a-f-]{36}$/);
    await expect(this.heading).toHaveText(title);
  }
}
