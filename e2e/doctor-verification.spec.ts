import { atPath, demoAccount, demoAdmin, expect, expectNoSeriousAccessibilityViolations, newDoctorApplicant, test } from "./fixtures";

const PATIENT = "maria.jensen@medanchor.test";

test.describe("doctor verification", () => {
  test("a new doctor applies, an administrator verifies them, and patients can then find them", async ({ user, openOtherBrowser }) => {
    const { page, login, doctorApplication, doctorDashboard, adminDoctors, findDoctor } = user;
    const doctor = newDoctorApplicant("Ines", "Varga");

    await doctorApplication.apply(doctor);
    await expect(page).toHaveURL(atPath("/doctor"));
    await expect(doctorDashboard.awaitingVerification).toBeVisible();
    await expect(page.getByText(`GB ${doctor.licenseNumber}`)).toBeVisible();
    await expect(page.getByText("Harbor Street Clinic", { exact: true })).toBeVisible();
    // Unverified doctors cannot invite patients yet.
    await expect(doctorDashboard.invitationPanel.createInvitationButton).toHaveCount(0);
    await login.signOut();

    // Before verification, patients don't find the applicant in the directory.
    const patient = await openOtherBrowser();
    await patient.login.signInAs(demoAccount(PATIENT));
    await patient.findDoctor.search(doctor.name);
    await expect(patient.findDoctor.noMatches).toBeVisible();

    await login.signInAs(demoAdmin());
    await adminDoctors.goto();
    await expect(adminDoctors.heading).toBeVisible();
    const row = adminDoctors.rowFor(doctor.name);
    await expect(row).toContainText(doctor.email);
    await expect(row).toContainText(doctor.specialty);
    await expect(row).toContainText(`GB ${doctor.licenseNumber}`);
    await expect(row).toContainText("Pending");
    await expectNoSeriousAccessibilityViolations(page);

    await row.getByRole("link", { name: doctor.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: doctor.name })).toBeVisible();
    await expect(page.getByText(doctor.email)).toBeVisible();
    await expect(adminDoctors.decisionCard).toContainText("Current state: Pending.");
    await expect(page.getByText("No decision yet.")).toBeVisible();
    await expectNoSeriousAccessibilityViolations(page);

    const verification = await adminDoctors.startDecision("verify");
    await expect(verification.dialog).toHaveAccessibleName(`Verify ${doctor.name}?`);
    await expectNoSeriousAccessibilityViolations(page);
    await verification.confirm();
    await expect(page.getByRole("status").filter({ hasText: `${doctor.name} is verified and now appears in the doctor directory.` })).toBeVisible();
    await expect(adminDoctors.decisionCard).toContainText("Current state: Verified.");
    await expect(adminDoctors.decisionCard.getByRole("button", { name: "Suspend doctor" })).toBeVisible();
    await expect(adminDoctors.decisionCard.getByRole("button", { name: "Verify doctor" })).toHaveCount(0);
    await expect(page.getByText("Ada Admin")).toBeVisible();
    await login.signOut();

    await login.signInAs({ role: "DOCTOR", email: doctor.email, password: doctor.password });
    await expect(doctorDashboard.verifiedHeading(doctor.name)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invite a patient" })).toBeVisible();
    await expect(page.getByText("Endocrinology · Harbor Street Clinic · times in Europe/London")).toBeVisible();
    await login.signOut();

    await login.signInAs(demoAccount(PATIENT));
    await findDoctor.search(doctor.name);
    await expect(findDoctor.results).toHaveCount(1);
    await expect(findDoctor.results).toContainText(`Dr. ${doctor.name}`);
    await expect(findDoctor.results).toContainText("Endocrinology");
    await expect(findDoctor.results).toContainText("Harbor Street Clinic · New York");
    await expect(findDoctor.results).toContainText("Times in Europe/London");
    await expectNoSeriousAccessibilityViolations(page);
  });
});

test.describe("doctor application form", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("preselects the applicant's own time zone", async ({ user }) => {
    const { doctorApplication } = user;
    await doctorApplication.goto();
    await expect(doctorApplication.submitButton).toBeEnabled();
    await expect(doctorApplication.timeZone).toHaveValue("Asia/Tokyo", { timeout: 5_000 });
  });
});
