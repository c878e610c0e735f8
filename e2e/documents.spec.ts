import { minimalPdf, sha256, unique } from "./support/files";
import { demoAccount, expect, expectNoSeriousAccessibilityViolations, test } from "./fixtures";

test.describe("patient documents", () => {
  test("a patient uploads a PDF with progress, sees its fingerprint, opens it and downloads the same bytes", async ({ patient }) => {
    const { page, documents } = patient;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
    await expect(documents.heading).toHaveText("Your documents");
    await expectNoSeriousAccessibilityViolations(page);

    const title = unique("Blood panel");
    const bytes = minimalPdf(title);
    const digest = sha256(bytes);
    await documents.upload(title, "Lab result", { name: "blood-panel.pdf", mimeType: "application/pdf", buffer: bytes });
    await expect(documents.uploaded).toBeVisible();
    await expect(documents.progress).toHaveAttribute("value", "100");
    await expect(documents.percent).toHaveText(/^100%/);

    const row = documents.row(title);
    await expect(row).toContainText("Stored");
    await expect(row).toContainText("Lab result");
    // The worker may already have anchored it: either state is right here, failure is not.
    await expect(row).toContainText(/Pending anchor|Anchoring|Anchored/);
    await expect(row).toContainText(`${bytes.length} bytes`);
    await expect(row.getByTestId("sha256-short")).toHaveText(`${digest.slice(0, 12)}…`);
    await expectNoSeriousAccessibilityViolations(page);

    await documents.open(title);
    await expect(documents.fullHash).toHaveText(digest);
    await expect(page.getByText(/^(Pending anchor|Anchoring|Anchored)$/).first()).toBeVisible();
    await expect(page.locator("iframe[sandbox]")).toHaveAttribute("src", /\/api\/documents\/[0-9a-f-]{36}\/content\?inline=1$/);
    await expectNoSeriousAccessibilityViolations(page);

    const href = await documents.downloadLink.getAttribute("href");
    expect(href).toMatch(/^\/api\/documents\/[0-9a-f-]{36}\/content$/);
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect(sha256(await download.body())).toBe(digest);
  });

  test("an HTML file renamed .pdf is refused with a reason and listed as failed, never as stored", async ({ patient }) => {
    const { page, documents } = patient;
    await documents.goto();
    const title = unique("Renamed page");
    await documents.upload(title, "Report", { name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>\n") });
    await expect(documents.refused).toContainText("This file is not a PDF, PNG, JPEG, WebP or DICOM file.");
    const row = documents.row(title);
    await expect(row).toContainText("Failed");
    await expect(row).toContainText("Upload failed: This file is not a PDF, PNG, JPEG, WebP or DICOM file.");
    await expect(row).not.toContainText("Stored");
    await expect(row.getByRole("link")).toHaveCount(0);
    await expectNoSeriousAccessibilityViolations(page);
  });

  test("another patient's or an unknown document is not found, page and bytes alike", async ({ patient, openOtherBrowser }) => {
    const { page, documents } = patient;
    await documents.goto();
    const title = unique("Private letter");
    await documents.upload(title, "Referral", { name: "letter.pdf", mimeType: "application/pdf", buffer: minimalPdf(title) });
    await expect(documents.uploaded).toBeVisible();
    await documents.open(title);
    const detailPath = new URL(page.url()).pathname;

    const other = await openOtherBrowser();
    await other.login.signInAs(demoAccount("david.okafor@medanchor.test"));
    expect((await other.page.goto(detailPath))?.status()).toBe(404);
    expect((await other.page.request.get(`/api/documents/${detailPath.split("/").pop()}/content`)).status()).toBe(404);
    expect((await other.page.goto("/patient/documents/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  });
});
