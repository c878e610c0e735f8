import { expect, type Locator, type Page } from "@playwright/test";

export interface VerifyFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The "Verify" card on `/patient/documents/[id]`: the server-side check and the receipt download. */
export class DocumentVerifyCard {
  readonly card: Locator;
  readonly verifyButton: Locator;
  readonly receiptLink: Locator;
  readonly steps: Locator;
  readonly anchoredBadge: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByRole("region", { name: "Verify" });
    this.verifyButton = this.card.getByRole("button", { name: "Verify", exact: true });
    this.receiptLink = this.card.getByRole("link", { name: "Download receipt" });
    this.steps = this.card.getByRole("list", { name: "Verification steps" }).getByRole("listitem");
    this.anchoredBadge = page.getByText("Anchored", { exact: true });
  }

  /** The worker confirms anchors within seconds; the page shows it after a reload. */
  async waitUntilAnchored() {
    await expect(async () => {
      await this.page.reload();
      await expect(this.anchoredBadge).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  }

  /** Downloads the receipt through the browser, returning its suggested name and bytes. */
  async downloadReceipt(): Promise<{ filename: string; buffer: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.receiptLink.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { filename: download.suggestedFilename(), buffer: Buffer.concat(chunks) };
  }

  async verify() {
    await this.verifyButton.click();
  }
}

/** The public `/verify` page. */
export class VerifyPage {
  readonly heading: Locator;
  readonly file: Locator;
  readonly receipt: Locator;
  readonly rpcUrl: Locator;
  readonly verifyButton: Locator;
  readonly result: Locator;
  readonly steps: Locator;
  readonly verified: Locator;
  readonly notVerified: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    const form = page.getByRole("form", { name: "Verify a file" });
    this.file = form.getByLabel("File to verify");
    this.receipt = form.getByLabel("Receipt (JSON)");
    this.rpcUrl = form.getByLabel("RPC URL");
    this.verifyButton = form.getByRole("button", { name: "Verify", exact: true });
    this.result = page.getByRole("region", { name: "Verification result" });
    this.steps = this.result.getByRole("list", { name: "Verification steps" }).getByRole("listitem");
    this.verified = this.result.getByRole("status").filter({ hasText: "Verified" });
    this.notVerified = this.result.getByRole("alert").filter({ hasText: "Not verified" });
    this.problem = page.getByRole("alert");
  }

  async goto() {
    await this.page.goto("/verify");
    await expect(this.heading).toHaveText("Verify a document");
  }

  async check(file: VerifyFile, receipt: VerifyFile) {
    await this.file.setInputFiles(file);
    await this.receipt.setInputFiles(receipt);
    await this.verifyButton.click();
  }

  step(id: "fingerprint" | "commitment" | "chain" | "time"): Locator {
    return this.result.locator(`li[data-step="${id}"]`);
  }
}
