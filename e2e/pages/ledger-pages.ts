import { expect, type Locator, type Page } from "@playwright/test";

/** `/patient/ledger`: the patient's anchors and the latest blocks. */
export class PatientLedgerPage {
  readonly heading: Locator;
  readonly anchors: Locator;
  readonly blocks: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.anchors = page.getByRole("table", { name: "Anchors of your documents and grants, newest first" });
    this.blocks = page.getByRole("list", { name: "Latest blocks" });
  }

  async goto() {
    await this.page.goto("/patient/ledger");
    await expect(this.heading).toHaveText("Ledger");
  }

  /** The anchor rows of one document or grant (named by its title or "Access for Dr. …"). */
  rowFor(subject: string): Locator {
    return this.anchors.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: subject }) });
  }

  /** Reloads until the subject's row reads `state` (the worker anchors in the background). */
  async waitForState(subject: string, state: string, timeout = 30_000) {
    await expect(async () => {
      await this.page.reload();
      await expect(this.rowFor(subject).first()).toContainText(state, { timeout: 1_000 });
    }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
  }

  /** Events highlighted as the viewer's own in the latest blocks. */
  ownEvents(): Locator {
    return this.blocks.locator("[data-mine=true]");
  }
}

/** `/admin/anchors`: queue health, chain health, failed rows and the latest blocks. */
export class AdminAnchoringPage {
  readonly heading: Locator;
  readonly queue: Locator;
  readonly blocks: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.queue = page.getByLabel("Anchor queue");
    this.blocks = page.getByRole("list", { name: "Latest blocks" });
  }

  async goto() {
    await this.page.goto("/admin/anchors");
    await expect(this.heading).toHaveText("Anchoring");
  }

  /** The value of one queue card ("Pending", "Sent", "Failed", "Confirmed"). */
  card(label: string): Locator {
    return this.queue.locator("div").filter({ has: this.page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) });
  }
}
