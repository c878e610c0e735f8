import { demoAdmin, expect, newDoctorApplicant, test, uniqueGbLicenseNumber, type DoctorApplicant, type UserBrowser } from "./fixtures";

const REASON = "The GMC register lists a different number for you. Please check your GMC reference number.";

/** A new doctor applies and an administrator rejects the application with REASON; ends signed out. */
async function applyAndGetRejected({ login, doctorApplication, doctorDashboard, adminDoctors }: UserBrowser, doctor: DoctorApplicant) {
  await doctorApplication.apply(doctor);
  await expect(doctorDashboard.awaitingVerification).toBeVisible();
  await login.signOut();
  await login.signInAs(demoAdmin());
  await adminDoctors.reject(doctor.name, REASON);
  await login.signOut();
}

test.describe("doctor rejection and re-application", () => {
  test("an administrator must give a reason to reject; the doctor sees it, corrects the license and re-applies", async ({ user }) => {
    const { page, login, doctorApplication, doctorDashboard, adminDoctors } = user;
    const doctor = newDoctorApplicant("Pavel", "Novak");

    await doctorApplication.apply(doctor);
    await expect(doctorDashboard.awaitingVerification).toBeVisible();
    await login.signOut();

    await login.signInAs(demoAdmin());
    await adminDoctors.openApplication(doctor.name, "PENDING");
    const rejection = await adminDoctors.startDecision("reject");
    await expect(rejection.dialog).toHaveAccessibleName(`Reject ${doctor.name}'s application?`);
    await expect(rejection.reason).toHaveAccessibleName("Reason for rejection");

    await rejection.confirm();
    await expect(rejection.dialog.getByText("Give a reason to reject an application; the doctor will see it.")).toBeVisible();
    await expect(rejection.reason).toHaveAttribute("aria-invalid", "true");
    await expect(rejection.reason).toBeFocused();
    await expect(adminDoctors.decisionCard).toContainText("Current state: Pending.");

    await rejection.giveReason(REASON);
    await rejection.confirm();
    await expect(page.getByRole("status").filter({ hasText: "The application was rejected. The doctor sees your reason and may re-apply." })).toBeVisible();
    await expect(adminDoctors.decisionCard).toContainText("Current state: Rejected.");
    await expect(page.getByText(REASON)).toBeVisible();
    await login.signOut();

    await login.signInAs({ role: "DOCTOR", email: doctor.email, password: doctor.password });
    await expect(doctorDashboard.applicationNotApproved).toBeVisible();
    await expect(doctorDashboard.rejectionReason).toContainText(REASON);
    await expect(doctorDashboard.reapplyLicenseNumber).toHaveValue(doctor.licenseNumber);

    const correctedLicense = uniqueGbLicenseNumber();
    await doctorDashboard.reapplyWithLicenseNumber(correctedLicense);
    await expect(doctorDashboard.awaitingVerification).toBeVisible();
    await expect(page.getByText(`GB ${correctedLicense}`)).toBeVisible();
    await login.signOut();

    await login.signInAs(demoAdmin());
    await adminDoctors.goto();
    await adminDoctors.search(doctor.name);
    const row = adminDoctors.rowFor(doctor.name);
    await expect(row).toContainText("Pending");
    await expect(row).toContainText(`GB ${correctedLicense}`);
    await adminDoctors.goto("REJECTED");
    await adminDoctors.search(doctor.name);
    await expect(page.getByText(`No rejected doctors match “${doctor.name}”.`)).toBeVisible();
  });

  test("re-applying confirms with “Application sent again”", async ({ user }) => {
    const { page, login, doctorDashboard } = user;
    const doctor = newDoctorApplicant("Mirela", "Ionescu");
    await applyAndGetRejected(user, doctor);

    await login.signInAs({ role: "DOCTOR", email: doctor.email, password: doctor.password });
    await doctorDashboard.reapplyWithLicenseNumber(uniqueGbLicenseNumber());
    await expect(page.getByText("Application sent again. An administrator will review it.")).toBeVisible({ timeout: 5_000 });
  });
});
