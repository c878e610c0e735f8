import { expect, expectNoSeriousAccessibilityViolations, test } from "./fixtures";

test("home page renders the product and links to status", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("medical records");
  await expect(page.getByRole("link", { name: "MedAnchor" })).toBeVisible();
  await expectNoSeriousAccessibilityViolations(page);
});

test("status page shows every component operational", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByRole("status")).toHaveText("All systems operational");
  const components = page.getByRole("list", { name: "Components" });
  await expect(components.getByRole("listitem")).toHaveCount(3);
  await expect(components.getByText("Operational")).toHaveCount(3);
  await expect(components).toContainText("chain 31337");
  await expectNoSeriousAccessibilityViolations(page);
});

test("health endpoint reports every component up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", db: { status: "up" }, storage: { status: "up" }, chain: { status: "up", chainId: 31337, contractCodePresent: true } });
});

test("pages and APIs send the baseline security headers", async ({ request }) => {
  for (const path of ["/", "/login", "/api/health"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});
