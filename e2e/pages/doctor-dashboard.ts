import { expect, type Locator, type Page } from "@playwright/test";

/** A card on a dashboard: a <section> named by its heading. */
export function card(page: Page, title: string): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

/** The verified doctor's "Invite a patient", "Your patients" and "Invitations" cards. */
export class InvitationPanel {
  readonly patientName: Locator;
  readonly patientEmail: Locator;
  readonly createInvitationButton: Locator;
  readonly invitationLink: Locator;
  readonly patients: Locator;
  readonly invitations: Locator;

  constructor(readonly page: Page) {
    const invite = card(page, "Invite a patient");
    this.patientName = invite.getByLabel("Patient name");
    this.patientEmail = invite.getByLabel("Patient email");
    this.createInvitationButton = invite.getByRole("button", { name: "Create invitation" });
    this.invitationLink = invite.getByLabel("Invitation link");
    this.patients = card(page, "Your patients").getByRole("listitem");
    this.invitations = card(page, "Invitations").getByRole("table");
  }

  /** Creates a one-time invitation and returns the link shown (only now) to copy. */
  async invite(patientName: string, email: string): Promise<string> {
    await this.patientName.fill(patientName);
    await this.patientEmail.fill(email);
    await this.createInvitationButton.click();
    await expect(this.invitationLink).toHaveValue(/\/register\?invite=/);
    return this.invitationLink.inputValue();
  }

  /** The invitations table's row for a patient email. */
  invitationTo(email: string): Locator {
    return this.invitations.getByRole("row").filter({ has: this.page.getByRole("cell", { name: email, exact: true }) });
  }
}

/** /doctor: the application's state while unverified, the practice dashboard once verified. */
export class DoctorDashboardPage {
  readonly heading: Locator;
  readonly awaitingVerification: Locator;
  readonly applicationNotApproved: Locator;
  readonly rejectionReason: Locator;
  readonly invitationPanel: InvitationPanel;
  readonly reapplyLicenseNumber: Locator;
  readonly reapplyButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.awaitingVerification = page.getByRole("heading", { level: 1, name: "Awaiting verification" });
    this.applicationNotApproved = page.getByRole("heading", { level: 1, name: "Application not approved" });
    this.rejectionReason = page.getByRole("alert").filter({ hasText: "Reason given by the administrator" });
    this.invitationPanel = new InvitationPanel(page);
    const reapply = card(page, "Edit and re-apply");
    this.reapplyLicenseNumber = reapply.getByLabel("License number");
    this.reapplyButton = reapply.getByRole("button", { name: "Edit and re-apply" });
  }

  async goto() {
    await this.page.goto("/doctor");
  }

  /** The verified dashboard's heading, "Dr. <name>". */
  verifiedHeading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Dr. ${name}`, exact: true });
  }

  /** A rejected doctor corrects the license number and sends the application again. */
  async reapplyWithLicenseNumber(licenseNumber: string) {
    await this.reapplyLicenseNumber.fill(licenseNumber);
    await this.reapplyButton.click();
  }
}
