import { minimalPdf, sha256, unique } from "./support/files";
import { expect, expectNoSeriousAccessibilityViolations, test } from "./fixtures";

const CHANGED_FILE = "The file's fingerprint does not match the receipt: the file was changed or it is a different file.";

test.describe("verifying a document", () => {
  test("a patient's anchored upload verifies on the server, and anyone verifies file + receipt in the browser; a one-byte change fails", async ({ patient, openOtherBrowser }) => {
    const { page, documents, documentVerify } = patient;
    await documents.goto();
    const title = unique("Discharge letter");
    const bytes = minimalPdf(title);
    await documents.upload(title, "Report", { name: "discharge-letter.pdf", mimeType: "application/pdf", buffer: bytes });
    await expect(documents.uploaded).toBeVisible();
    await documents.open(title);

    await documentVerify.waitUntilAnchored();
    await documentVerify.verify();
    await expect(documentVerify.card.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
    await expect(documentVerify.steps).toHaveCount(5);
    for (const step of await documentVerify.steps.all()) await expect(step).toHaveAttribute("data-status", "passed");
    await expectNoSeriousAccessibilityViolations(page);

    const receipt = await documentVerify.downloadReceipt();
    expect(receipt.filename).toMatch(/^Discharge letter .+-receipt\.json$/);
    const parsed = JSON.parse(receipt.buffer.toString("utf8")) as { sha256: string; blockTime: string };
    expect(parsed.sha256).toBe(sha256(bytes));
    expect(receipt.buffer.toString("utf8")).not.toContain("Discharge");

    // A visitor without an account, in their own browser.
    const { verify } = await openOtherBrowser();
    await verify.goto();
    await expect(verify.rpcUrl).toHaveValue("/api/rpc");
    const receiptFile = { name: receipt.filename, mimeType: "application/json", buffer: receipt.buffer };
    await verify.check({ name: "discharge-letter.pdf", mimeType: "application/pdf", buffer: bytes }, receiptFile);
    await expect(verify.verified).toContainText(`discharge-letter.pdf is exactly the file that was anchored`);
    await expect(verify.steps).toHaveCount(4);
    for (const step of await verify.steps.all()) await expect(step).toHaveAttribute("data-status", "passed");
    await expect(verify.step("time")).toContainText(`Anchored at ${parsed.blockTime.replace(".000Z", "Z")}`);
    await expectNoSeriousAccessibilityViolations(verify.page);

    const changed = Buffer.from(bytes);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = changed[middle]! ^ 0x01;
    await verify.check({ name: "discharge-letter.pdf", mimeType: "application/pdf", buffer: changed }, receiptFile);
    await expect(verify.notVerified).toContainText(CHANGED_FILE);
    await expect(verify.step("fingerprint")).toHaveAttribute("data-status", "failed");
    await expect(verify.step("fingerprint")).toContainText(`Failed`);
    await expect(verify.step("fingerprint")).toContainText(CHANGED_FILE);
    // The receipt itself still checks out against the chain: only the file differs.
    for (const id of ["commitment", "chain", "time"] as const) await expect(verify.step(id)).toHaveAttribute("data-status", "passed");
    await expectNoSeriousAccessibilityViolations(verify.page);

    // The RPC URL is the visitor's choice: a node that does not answer is reported, not trusted.
    await verify.rpcUrl.fill("http://127.0.0.1:9/");
    await verify.check({ name: "discharge-letter.pdf", mimeType: "application/pdf", buffer: bytes }, receiptFile);
    await expect(verify.step("chain")).toHaveAttribute("data-status", "failed");
    await expect(verify.step("chain")).toContainText("The chain could not be read");
  });
});
