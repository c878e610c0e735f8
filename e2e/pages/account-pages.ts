import type { Locator, Page } from "@playwright/test";

/** /account */
export class AccountPage {
  readonly heading: Locator;
  readonly signOutEverywhereButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Your account" });
    this.signOutEverywhereButton = page.getByRole("button", { name: "Sign out everywhere" });
  }

  async goto() {
    await this.page.goto("/account");
  }

  async signOutEverywhere() {
    await this.goto();
    await this.signOutEverywhereButton.click();
  }

  async changePassword(currentPassword: string, newPassword: string) {
    await this.goto();
    await this.page.getByLabel("Current password").fill(currentPassword);
    await this.page.getByLabel("New password", { exact: true }).fill(newPassword);
    await this.page.getByLabel("Confirm new password").fill(newPassword);
    await this.page.getByRole("button", { name: "Change password" }).click();
  }
}

/** /account/security: second-factor enrolment and recovery codes (not offered to patients). */
export class SecurityPage {
  readonly heading: Locator;
  readonly setupKey: Locator;
  readonly authenticationCode: Locator;
  readonly turnOnButton: Locator;
  readonly recoveryCodes: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Security" });
    // The key shown for typing into an authenticator app, in groups of four.
    this.setupKey = page.locator("code").filter({ hasText: /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/ });
    this.authenticationCode = page.getByLabel("Authentication code");
    this.turnOnButton = page.getByRole("button", { name: "Turn on two-factor authentication" });
    this.recoveryCodes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  }

  async goto() {
    await this.page.goto("/account/security");
  }

  /** The setup key as an authenticator app takes it (without the spaces). */
  async readSetupKey(): Promise<string> {
    return (await this.setupKey.innerText()).replace(/\s/g, "");
  }

  async turnOnTwoFactor(code: string) {
    await this.authenticationCode.fill(code);
    await this.turnOnButton.click();
  }
}

/** /account/tokens: personal access tokens for the FHIR API. */
export class AccessTokensPage {
  readonly heading: Locator;
  readonly newSecret: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "API tokens" });
    this.newSecret = page.getByTestId("new-token-secret");
  }

  async goto() {
    await this.page.goto("/account/tokens");
  }

  /** Creates a token with the first (broadest) scope and returns its secret, shown once. */
  async createToken(name: string): Promise<string> {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByRole("button", { name: "Create token" }).click();
    await this.newSecret.waitFor();
    return (await this.newSecret.textContent())!.trim();
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  async revoke(name: string) {
    await this.row(name).getByRole("button", { name: `Revoke ${name}` }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  }
}
