import { atPath, demoAccount, demoAdmin, expect, newDoctorApplicant, newPatient, STRONG_PASSWORD, test } from "./fixtures";

const SESSION_COOKIE = "__Secure-authjs.session-token";
const DEMO_PATIENT = "maria.jensen@medanchor.test";

test.describe("session security", () => {
  test("suspending a doctor ends the doctor's existing session on the next request", async ({ user, openOtherBrowser }) => {
    const { page, login, doctorApplication, doctorDashboard } = user;
    const doctor = newDoctorApplicant("Rafael", "Costa");
    await doctorApplication.apply(doctor);
    await expect(doctorDashboard.awaitingVerification).toBeVisible();

    const admin = await openOtherBrowser();
    await admin.login.signInAs(demoAdmin());
    await admin.adminDoctors.verify(doctor.name);

    // The doctor's session survives verification and now shows the verified dashboard.
    await doctorDashboard.goto();
    await expect(doctorDashboard.verifiedHeading(doctor.name)).toBeVisible();

    await admin.adminDoctors.suspend(doctor.name, "License suspended by the GMC pending an investigation.");
    await expect(admin.page.getByRole("status").filter({ hasText: `${doctor.name} is suspended and has been signed out.` })).toBeVisible();

    await doctorDashboard.goto();
    await expect(page).toHaveURL(atPath("/login"));
    await expect(login.signInButton).toBeVisible();

    // Signing in again is refused, with the reason.
    await login.signIn(doctor.email, doctor.password);
    await expect(page.getByText("This account is suspended. Contact your MedAnchor administrator.")).toBeVisible();
    await expect(page).toHaveURL(atPath("/login"));
    await page.goto("/doctor");
    await expect(page).toHaveURL(atPath("/login"));
  });

  test("“Sign out everywhere” ends the same patient's session in another browser on its next request", async ({ user, openOtherBrowser }) => {
    const { page, patientRegistration, patientDashboard, account } = user;
    const patient = newPatient("Lucia", "Moreno");
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await expect(patientDashboard.welcome("Lucia")).toBeVisible();

    const laptop = await openOtherBrowser();
    await laptop.login.signInAs({ role: "PATIENT", email: patient.email, password: patient.password });
    await expect(laptop.patientDashboard.welcome("Lucia")).toBeVisible();

    await account.signOutEverywhere();
    await expect(page).toHaveURL(atPath("/login", { signedOut: "everywhere" }));
    await patientDashboard.goto();
    await expect(page).toHaveURL(atPath("/login"));

    await laptop.patientDashboard.goto();
    await expect(laptop.page).toHaveURL(atPath("/login"));

    // The account itself still works: signing in again starts a fresh session.
    await laptop.login.signInAs({ role: "PATIENT", email: patient.email, password: patient.password });
    await expect(laptop.patientDashboard.welcome("Lucia")).toBeVisible();
  });

  test("changing the password ends the same patient's session in another browser on its next request", async ({ user, openOtherBrowser }) => {
    const { page, patientRegistration, patientDashboard, account, login } = user;
    const patient = newPatient("Tobias", "Lindqvist");
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await expect(patientDashboard.welcome("Tobias")).toBeVisible();

    const phone = await openOtherBrowser();
    await phone.login.signInAs({ role: "PATIENT", email: patient.email, password: patient.password });
    await expect(phone.patientDashboard.welcome("Tobias")).toBeVisible();

    const newPassword = "lantern orchard ferry quartz";
    await account.changePassword(patient.password, newPassword);
    await expect(page).toHaveURL(atPath("/login", { passwordChanged: "1" }));
    await expect(page.getByText("Password changed. Sign in with your new password")).toBeVisible();

    await phone.patientDashboard.goto();
    await expect(phone.page).toHaveURL(atPath("/login"));

    await login.signInAs({ role: "PATIENT", email: patient.email, password: newPassword });
    await expect(patientDashboard.welcome("Tobias")).toBeVisible();
  });

  test("after 5 wrong passwords an account is locked for a while, even for the right password", async ({ user }) => {
    const { page, login, patientRegistration } = user;
    const patient = newPatient("Tariq", "Haddad");
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await expect(page).toHaveURL(atPath("/patient"));
    await login.signOut();

    for (let attempt = 1; attempt <= 5; attempt++) {
      await login.signIn(patient.email, `wrong horse battery ${attempt}`);
      await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    }
    await login.signIn(patient.email, STRONG_PASSWORD);
    await expect(page.getByText(/^Too many failed sign-in attempts\. Try again in (1[0-5]|[1-9]) minutes?\.$/)).toBeVisible();
    await expect(page).toHaveURL(atPath("/login"));
    await page.goto("/patient");
    await expect(page).toHaveURL(atPath("/login"));

    // The lock is per account: another account signs in from the same address.
    await login.signInAs(demoAccount(DEMO_PATIENT));
  });

  test("the session cookie is httpOnly, SameSite=Lax, short-lived, and new on every login", async ({ user, context, openOtherBrowser }) => {
    const { page, login, patientRegistration } = user;
    const patient = newPatient("Jonas", "Berg");
    const account = { role: "PATIENT" as const, email: patient.email, password: patient.password };
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await login.signOut();
    const sessionCookie = async () => (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(await sessionCookie()).toBeUndefined();

    await login.signInAs(account);
    const first = await sessionCookie();
    expect(first).toBeDefined();
    expect(first).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/" });
    // At most the 12-hour absolute lifetime (auth-config.ts), not a long-lived remember-me cookie.
    expect(first!.expires * 1000).toBeGreaterThan(Date.now());
    expect(first!.expires * 1000).toBeLessThanOrEqual(Date.now() + 12 * 60 * 60 * 1000 + 60_000);

    await login.signOut();
    expect(await sessionCookie()).toBeUndefined();
    await login.signInAs(account);
    const second = await sessionCookie();
    expect(second?.value).toBeTruthy();
    expect(second!.value).not.toBe(first!.value);

    // The first session was revoked on sign-out: replaying its cookie elsewhere gets nowhere.
    const attacker = await openOtherBrowser();
    await attacker.page.context().addCookies([first!]);
    await attacker.patientDashboard.goto();
    await expect(attacker.page).toHaveURL(atPath("/login"));
    // The current session still works.
    await page.goto("/patient");
    await expect(page).toHaveURL(atPath("/patient"));
  });

  test("signed-out visitors are sent to the login page, and a patient cannot reach other roles' pages", async ({ user }) => {
    const { page, login } = user;
    for (const path of ["/admin", "/admin/doctors", "/doctor", "/patient", "/patient/doctors", "/account"]) {
      await page.goto(path);
      await expect(page, `${path} while signed out`).toHaveURL(atPath("/login"));
    }

    await login.signInAs(demoAccount(DEMO_PATIENT));
    for (const path of ["/admin", "/admin/users", "/doctor"]) {
      await page.goto(path);
      await expect(page, `${path} as a patient`).toHaveURL(atPath("/patient"));
    }
    await page.goto("/account/security");
    await expect(page.getByText("This page could not be found.")).toBeVisible();
  });
});
