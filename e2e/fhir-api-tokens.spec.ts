import { atPath, expect, expectNoSeriousAccessibilityViolations, newPatient, test } from "./fixtures";

test.describe("FHIR API tokens", () => {
  test("a patient creates a token, a client reads their Patient resource with it, and after revoking it the next request is refused", async ({ user, request }) => {
    const details = newPatient("Fiona", "Hertz");
    await user.patientRegistration.goto();
    await user.patientRegistration.register(details);
    await expect(user.page).toHaveURL(atPath("/patient"));

    await user.account.goto();
    await user.page.getByRole("link", { name: "Manage API tokens" }).click();
    await expect(user.accessTokens.heading).toBeVisible();
    await expect(user.page.getByText("No tokens yet")).toBeVisible();
    await expectNoSeriousAccessibilityViolations(user.page);

    const secret = await user.accessTokens.createToken("My health app");
    expect(secret).toMatch(/^mat_[A-Za-z0-9_-]{43}$/);
    await expect(user.accessTokens.row("My health app")).toContainText("Active");
    await expect(user.accessTokens.row("My health app")).toContainText("patient/*.read");
    await expectNoSeriousAccessibilityViolations(user.page);

    const read = await request.get("/fhir/R4/Patient", { headers: { authorization: `Bearer ${secret}` } });
    expect(read.status()).toBe(200);
    expect(read.headers()["content-type"]).toMatch(/^application\/fhir\+json/);
    const bundle = (await read.json()) as { resourceType: string; entry: { resource: { name: { text: string }[] } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry.map((e) => e.resource.name[0]?.text)).toEqual([details.name]);

    // The secret is shown once: after a reload only the name and scopes remain.
    await user.page.reload();
    await expect(user.accessTokens.newSecret).toHaveCount(0);
    await expect(user.page.getByText(secret)).toHaveCount(0);

    await user.accessTokens.revoke("My health app");
    await expect(user.accessTokens.row("My health app")).toContainText("Revoked");
    const refused = await request.get("/fhir/R4/Patient", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "login" }] });
  });

  test("the public directory and the capability statement need no token", async ({ request }) => {
    const metadata = await request.get("/fhir/R4/metadata");
    expect(metadata.status()).toBe(200);
    expect(await metadata.json()).toMatchObject({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1" });
    const practitioners = await request.get("/fhir/R4/Practitioner?name=Hoffmann");
    expect(await practitioners.json()).toMatchObject({ resourceType: "Bundle", total: 1, entry: [{ resource: { resourceType: "Practitioner", name: [{ text: "Lena Hoffmann" }] } }] });
  });
});
