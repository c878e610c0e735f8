import { STRONG_PASSWORD, expect, expectNoSeriousAccessibilityViolations, test, uniqueEmail } from "./fixtures";

test.describe("patient registration and login", () => {
  test("a patient registers, lands on the dashboard with a public id, signs out and back in", async ({ page, loginPage }) => {
    const email = uniqueEmail("new.patient");
    await page.goto("/register");
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByLabel("Full name").fill("Nora Patient");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(STRONG_PASSWORD);
    await page.getByLabel("Date of birth").fill("1990-05-17");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/patient$/);
    await expect(page.getByRole("heading", { name: "Welcome, Nora" })).toBeVisible();
    const publicId = await page.getByTestId("patient-public-id").textContent();
    expect(publicId).toMatch(/^MA-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectNoSeriousAccessibilityViolations(page);

    await loginPage.signOut();
    await page.goto("/patient");
    await expect(page).toHaveURL(/\/login/);

    await loginPage.signIn(email.toUpperCase(), STRONG_PASSWORD);
    await expect(page).toHaveURL(/\/patient$/);
    await expect(page.getByTestId("patient-public-id")).toHaveText(publicId!);
  });

  test("invalid registrations show a message per field and create nothing", async ({ page, loginPage }) => {
    const email = uniqueEmail("invalid");
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Ivan Invalid");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("password1234");
    await page.getByLabel("Date of birth").fill("2999-01-01");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await expect(page.getByText("This password is too common or easy to guess.")).toBeVisible();
    await expect(page.getByText("Date of birth can't be in the future.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Ivan Invalid");

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByLabel("Date of birth").fill("1990-01-01");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 12 characters")).toBeVisible();

    await loginPage.signIn(email, "short");
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  });

  test("a duplicate email, in any letter case, is refused", async ({ page }) => {
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Maria Again");
    await page.getByLabel("Email").fill("MARIA.JENSEN@medanchor.test");
    await page.getByLabel("Password").fill(STRONG_PASSWORD);
    await page.getByLabel("Date of birth").fill("1984-03-14");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists. Sign in instead.").first()).toBeVisible();
  });
});
