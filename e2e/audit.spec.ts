import { expect, newPatient, test } from "./fixtures";

test.describe("audit trail", () => {
  test("an administrator finds one account's events, narrows them to its refused sign-in, and the hash chain is reported intact", async ({ user, admin }) => {
    // A new patient registers, signs out, and mistypes the password once.
    const { page, patientRegistration, login } = user;
    const patient = newPatient("Hugo", "Lambert");
    await patientRegistration.goto();
    await patientRegistration.register(patient);
    await expect(page).toHaveURL((url) => url.pathname === "/patient");
    await login.signOut();
    await login.signIn(patient.email, "not my password at all");
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();

    const { adminAudit } = admin;
    await adminAudit.open();
    await expect(adminAudit.chainIntact).toBeVisible();

    await adminAudit.filter({ actorEmail: patient.email });
    const events = await adminAudit.eventCells();
    expect(events.every(([, actor]) => actor === patient.email), "every row is the patient's").toBe(true);
    const actions = events.map(([, , action, , outcome]) => `${action} ${outcome}`);
    expect(actions).toContain("account.register Allowed");
    expect(actions).toContain("auth.logout Allowed");
    // Newest first: the refused sign-in is the latest.
    expect(actions[0]).toBe("auth.login Denied");
    await expect(adminAudit.actorEmailContains).toHaveValue(patient.email);

    await adminAudit.filter({ actorEmail: patient.email, action: "auth.login", outcome: "Denied" });
    await expect(admin.page).toHaveURL((url) => url.searchParams.get("outcome") === "DENY");
    await expect(adminAudit.events).toHaveCount(1);
    const [refused] = await adminAudit.eventCells();
    expect(refused!.slice(1, 5)).toEqual([patient.email, "auth.login", expect.stringMatching(/^user [0-9a-f]{8}$/), "Denied"]);
    expect(refused![5]).toContain("reason: bad_credentials");

    await adminAudit.filter({ actorEmail: patient.email, action: "grant.approve" });
    await expect(adminAudit.noMatches).toBeVisible();
    await expect(adminAudit.events).toHaveCount(0);
  });
});
