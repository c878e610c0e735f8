import type { Locator, Page } from "@playwright/test";

export interface PatientDetails {
  name: string;
  email: string;
  password: string;
  /** yyyy-mm-dd */
  dateOfBirth: string;
}

export interface DoctorApplicant extends PatientDetails {
  specialty: string;
  /** Jurisdiction code, e.g. "GB". */
  licenseJurisdiction: string;
  licenseNumber: string;
  /** The facility as the form lists it: "<name> · <city>". */
  facility: string;
  timeZone: string;
  bio?: string;
}

/** The account fields shared by patient registration and the doctor application. */
class AccountFields {
  readonly fullName: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly dateOfBirth: Locator;

  constructor(page: Page) {
    this.fullName = page.getByLabel("Full name");
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.dateOfBirth = page.getByLabel("Date of birth");
  }

  async fill(details: PatientDetails) {
    await this.fullName.fill(details.name);
    await this.email.fill(details.email);
    await this.password.fill(details.password);
    await this.dateOfBirth.fill(details.dateOfBirth);
  }
}

/** /register, optionally opened from a doctor's invitation link. */
export class PatientRegistrationPage {
  readonly heading: Locator;
  readonly fields: AccountFields;
  readonly createAccountButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Create a patient account" });
    this.fields = new AccountFields(page);
    this.createAccountButton = page.getByRole("button", { name: "Create account" });
  }

  /** Opens the plain registration page, or the given invitation link (absolute URL or path). */
  async goto(invitationLink?: string) {
    await this.page.goto(invitationLink ?? "/register");
  }

  async register(details: PatientDetails) {
    await this.fields.fill(details);
    await this.createAccountButton.click();
  }
}

/** /register/doctor: the doctor application form. */
export class DoctorApplicationPage {
  readonly heading: Locator;
  readonly fields: AccountFields;
  readonly specialty: Locator;
  readonly licenseJurisdiction: Locator;
  readonly licenseNumber: Locator;
  readonly facility: Locator;
  readonly timeZone: Locator;
  readonly bio: Locator;
  readonly submitButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Apply as a doctor" });
    this.fields = new AccountFields(page);
    this.specialty = page.getByLabel("Specialty");
    this.licenseJurisdiction = page.getByLabel("Licensing jurisdiction");
    this.licenseNumber = page.getByLabel("License number");
    this.facility = page.getByLabel("Facility");
    this.timeZone = page.getByLabel("Time zone");
    this.bio = page.getByLabel("Short bio (optional)");
    this.submitButton = page.getByRole("button", { name: "Submit application" });
  }

  async goto() {
    await this.page.goto("/register/doctor");
  }

  /** The facilities offered to applicants, as listed ("<name> · <city>"), without the placeholder. */
  async facilityChoices(): Promise<string[]> {
    const options = await this.facility.locator("option:not([disabled])").allTextContents();
    return options.map((option) => option.trim());
  }

  async apply(applicant: DoctorApplicant) {
    await this.goto();
    await this.fields.fill(applicant);
    await this.specialty.selectOption({ label: applicant.specialty });
    await this.licenseJurisdiction.selectOption(applicant.licenseJurisdiction);
    await this.licenseNumber.fill(applicant.licenseNumber);
    await this.facility.selectOption({ label: applicant.facility });
    await this.timeZone.selectOption(applicant.timeZone);
    if (applicant.bio) await this.bio.fill(applicant.bio);
    await this.submitButton.click();
  }
}
