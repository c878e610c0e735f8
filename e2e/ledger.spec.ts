import { minimalPdf, unique } from "./support/files";
import { expect, expectNoSeriousAccessibilityViolations, test } from "./fixtures";

test.describe("ledger pages", () => {
  test("a patient's new document shows up in their ledger and is confirmed on chain", async ({ patient }) => {
    const { page, documents, ledger } = patient;
    await documents.goto();
    const title = unique("Ledger scan");
    await documents.upload(title, "Lab result", { name: "ledger-scan.pdf", mimeType: "application/pdf", buffer: minimalPdf(title) });
    await expect(documents.uploaded).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ledger" }).click();
    await expect(ledger.heading).toHaveText("Ledger");
    const row = ledger.rowFor(title);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Fingerprint recorded");

    await ledger.waitForState(title, "Confirmed");
    await expect(row.getByRole("cell").nth(2)).toHaveText(/0x[0-9a-f]{4}…[0-9a-f]{4}/);
    await expect(row).toContainText(/#\d+/);
    await expect(ledger.blocks).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);

    await row.getByRole("link", { name: title }).click();
    await expect(documents.heading).toHaveText(title);
  });

  test("an admin sees the anchor queue, chain health and the latest blocks", async ({ admin }) => {
    const { page, adminAnchoring } = admin;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Anchoring" }).click();
    await expect(adminAnchoring.heading).toHaveText("Anchoring");
    for (const label of ["Pending", "Sent", "Failed", "Confirmed"]) await expect(adminAnchoring.card(label).getByRole("definition").first()).toHaveText(/^\d[\d,]*$/);
    await expect(page.getByRole("region", { name: "Chain" })).toContainText("Reachable");
    await expect(page.getByRole("region", { name: "Chain" })).toContainText("31337");
    await expect(adminAnchoring.blocks.or(page.getByText("No blocks yet"))).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);
  });
});
