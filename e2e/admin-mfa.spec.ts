import { atPath, demoAdmin, expect, expectNoSeriousAccessibilityViolations, newDoctorApplicant, test, totpCode, uniqueName } from "./fixtures";

/** A six-digit code that is not the current one (nor, in practice, the neighbouring windows' codes). */
const wrongCodeFor = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

test.describe("administrator sign-in with a second factor", () => {
  test("the admin's password alone is not enough; a wrong code is refused and the right one opens /admin", async ({ user }) => {
    const { page, login } = user;
    const admin = demoAdmin();

    await login.submitPassword(admin.email, admin.password);
    await expect(login.authenticationCode).toBeVisible();
    await expect(login.authenticationCode).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Enter the 6-digit code from your authenticator app, or a recovery code." })).toBeVisible();
    await expect(page).toHaveURL(atPath("/login"));

    await login.enterCode(wrongCodeFor(await totpCode(admin.totpSecret!)));
    await expect(page.getByText("That code is not valid. Enter the current code from your authenticator app, or a recovery code.")).toBeVisible();
    await expect(page).toHaveURL(atPath("/login"));
    // Email and password are kept, so only the code has to be typed again.
    await expect(login.email).toHaveValue(admin.email);

    await login.enterCode(await totpCode(admin.totpSecret!));
    await expect(page).toHaveURL(atPath("/admin"));
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);

    await page.goto("/account/security");
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await expect(page.getByText("Administrators can't turn off two-factor authentication")).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);
  });

  test("a password-only sign-in attempt does not open admin pages", async ({ user }) => {
    const { page, login } = user;
    const admin = demoAdmin();
    await login.submitPassword(admin.email, admin.password);
    await expect(login.authenticationCode).toBeVisible();
    await page.goto("/admin");
    await expect(page).toHaveURL(atPath("/login"));
  });
});

test.describe("administration pages", () => {
  test("a new facility is offered to applicants until it is deactivated", async ({ admin, openOtherBrowser }) => {
    const { page, adminFacilities } = admin;
    const facility = { name: `${uniqueName("Riverside", "Clinic")}`, city: "Leeds", address: "1 Riverside Way, Leeds LS1 4AP" };
    const listed = `${facility.name} · ${facility.city}`;

    await adminFacilities.goto();
    await expect(adminFacilities.heading).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);

    await adminFacilities.addFacility(facility);
    await expect(page.getByRole("heading", { level: 1, name: facility.name })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Facility added. Doctors can choose it on the application form now." })).toBeVisible();
    await adminFacilities.goto();
    await expect(adminFacilities.linkTo(facility.name)).toBeVisible();

    const applicant = await openOtherBrowser();
    await applicant.doctorApplication.goto();
    expect(await applicant.doctorApplication.facilityChoices()).toContain(listed);

    await adminFacilities.deactivate(facility.name);
    await expect(page.getByRole("status").filter({ hasText: "Facility deactivated. It is no longer offered to new applicants; its doctors keep it." })).toBeVisible();
    await adminFacilities.goto();
    await expect(adminFacilities.linkTo(facility.name)).toHaveCount(0);
    await page.getByRole("link", { name: "All, including inactive" }).click();
    await expect(adminFacilities.facilities.getByRole("row").filter({ hasText: facility.name })).toContainText("Inactive");

    await applicant.doctorApplication.goto();
    const choices = await applicant.doctorApplication.facilityChoices();
    expect(choices).toContain("St. Elisabeth Hospital · Berlin");
    expect(choices).not.toContain(listed);
  });

  test("the users page finds a patient by email", async ({ admin }) => {
    const { page, adminUsers } = admin;
    await adminUsers.goto();
    await expect(adminUsers.heading).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);

    await adminUsers.search("maria.jensen");
    await expect(adminUsers.users).toHaveCount(1);
    await expect(adminUsers.users).toContainText("Maria Jensen");
    await expect(adminUsers.users).toContainText("maria.jensen@medanchor.test");
    await expect(adminUsers.users).toContainText("Patient");
    await expect(adminUsers.users).toContainText("Active");
    await expect(adminUsers.searchBox).toHaveValue("maria.jensen");
  });
});

test.describe("two-factor enrolment", () => {
  test("a doctor turns on two-factor authentication; sign-in then asks for a code and accepts a recovery code once", async ({ user }) => {
    const { page, login, doctorApplication, security } = user;
    const doctor = newDoctorApplicant("Amara", "Osei");
    await doctorApplication.apply(doctor);
    await expect(page).toHaveURL(atPath("/doctor"));

    await security.goto();
    await expect(security.heading).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);
    const secret = await security.readSetupKey();

    await security.turnOnTwoFactor(wrongCodeFor(await totpCode(secret)));
    await expect(page.getByText("That code is not valid. Enter the current 6-digit code from your authenticator app.")).toBeVisible();

    await security.turnOnTwoFactor(await totpCode(secret));
    await expect(page.getByRole("status").filter({ hasText: "Two-factor authentication is on" })).toBeVisible();
    await expect(security.recoveryCodes).toHaveCount(10);
    const recoveryCode = (await security.recoveryCodes.first().innerText()).trim();
    await login.signOut();

    await login.submitPassword(doctor.email, doctor.password);
    await expect(login.authenticationCode).toBeVisible();
    await login.enterCode(recoveryCode);
    await expect(page).toHaveURL(atPath("/doctor"));
    await login.signOut();

    // A recovery code works once.
    await login.signIn(doctor.email, doctor.password, undefined);
    await login.enterCode(recoveryCode);
    await expect(page.getByText("That code is not valid.", { exact: false })).toBeVisible();
    await login.enterCode(await totpCode(secret));
    await expect(page).toHaveURL(atPath("/doctor"));
  });
});
