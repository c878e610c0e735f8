import { atPath, demoAccount, expect, expectNoSeriousAccessibilityViolations, newPatient, test } from "./fixtures";

const DOCTOR = "lena.hoffmann@medanchor.test";
const INVALID_INVITATION = "This invitation link is invalid, expired or already used. Ask your doctor for a new one.";

test.describe("patient invitation", () => {
  test("a doctor invites a patient with a one-time link; registering through it links them both ways", async ({ user, baseURL }) => {
    const { page, login, doctorDashboard, patientRegistration, patientDashboard } = user;
    const { invitationPanel } = doctorDashboard;
    const patient = newPatient("Greta", "Lindqvist");

    await login.signInAs(demoAccount(DOCTOR));
    await expect(doctorDashboard.verifiedHeading("Lena Hoffmann")).toBeVisible();
    const link = await invitationPanel.invite(patient.name, patient.email);
    expect(link).toMatch(new RegExp(`^${baseURL}/register\\?invite=[A-Za-z0-9_-]{40,}$`));
    await expect(page.getByText("valid for 7 days and shown only now")).toBeVisible();
    await expect(invitationPanel.invitationTo(patient.email)).toContainText(patient.name);
    await expect(invitationPanel.invitationTo(patient.email)).toContainText("Open");
    await expectNoSeriousAccessibilityViolations(page);
    await login.signOut();

    await patientRegistration.goto(link);
    await expect(page.getByText("Your doctor invited you to MedAnchor. Registering links your account with them.")).toBeVisible();
    await patientRegistration.register(patient);
    await expect(page).toHaveURL(atPath("/patient"));
    await expect(patientDashboard.welcome("Greta")).toBeVisible();
    const publicId = (await patientDashboard.publicId.textContent())!.trim();
    await expect(patientDashboard.yourDoctors).toHaveCount(1);
    await expect(patientDashboard.yourDoctors).toContainText("Lena Hoffmann");
    await expect(patientDashboard.yourDoctors).toContainText("Cardiology · St. Elisabeth Hospital");
    await expect(patientDashboard.yourDoctors).toContainText("Verified");
    await login.signOut();

    await login.signInAs(demoAccount(DOCTOR));
    const listed = invitationPanel.patients.filter({ hasText: patient.name });
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText(publicId);
    await expect(invitationPanel.invitationTo(patient.email)).toContainText("Registered");
    await login.signOut();

    // The link worked once: a second registration through it is refused and leaves no account behind.
    const second = newPatient("Otto", "Brandt");
    await patientRegistration.goto(link);
    await patientRegistration.register(second);
    await expect(page.getByText(INVALID_INVITATION)).toBeVisible();
    await expect(page).toHaveURL(/\/register\?invite=/);
    await login.signIn(second.email, second.password);
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  });

  test("a forged invitation link is refused and creates no account", async ({ user }) => {
    const { page, login, patientRegistration } = user;
    const patient = newPatient("Hanna", "Forge");

    await patientRegistration.goto("/register?invite=forged");
    await expect(patientRegistration.heading).toBeVisible();
    await patientRegistration.register(patient);
    await expect(page.getByText(INVALID_INVITATION)).toBeVisible();
    await expect(patientRegistration.fields.fullName).toHaveValue(patient.name);

    await login.signIn(patient.email, patient.password);
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  });
});
