import { expect, type Locator, type Page } from "@playwright/test";
import { generate } from "otplib";

/** A role's landing page after signing in (mirrors ROLE_HOME in lib/auth/current-actor.ts). */
export const ROLE_HOME = { ADMIN: "/admin", DOCTOR: "/doctor", PATIENT: "/patient" } as const;

export interface Credentials {
  role: keyof typeof ROLE_HOME;
  email: string;
  password: string;
  /** Base32 TOTP secret, for accounts with a second factor. */
  totpSecret?: string;
}

/**
 * Matches a URL by its exact path (and, optionally, query), for `toHaveURL`/`waitForURL`. A regex such as
 * /\/doctor$/ would also match /register/doctor and pass before the navigation happened.
 */
export function atPath(path: string, search?: Record<string, string>) {
  return (url: URL) => url.pathname === path && Object.entries(search ?? {}).every(([key, value]) => url.searchParams.get(key) === value);
}

export async function totpCode(secret: string): Promise<string> {
  return generate({ secret });
}

/** The login page (and the header's sign-out button) as a user sees them. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly authenticationCode: Locator;
  readonly signInButton: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.authenticationCode = page.getByLabel("Authentication code");
    this.signInButton = page.getByRole("button", { name: "Sign in", exact: true });
    this.signOutButton = page.getByRole("button", { name: "Sign out", exact: true });
  }

  async goto() {
    await this.page.goto("/login");
  }

  /** Clicks "Sign in" and waits for the server's answer (an error, a code prompt, or a redirect). */
  private async submit() {
    const answered = this.page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login");
    await this.signInButton.click();
    await answered;
  }

  /** Email and password only: the first step for accounts with a second factor. */
  async submitPassword(email: string, password: string) {
    await this.goto();
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit();
  }

  async enterCode(code: string) {
    await this.authenticationCode.fill(code);
    await this.submit();
  }

  /** Signs in; with a TOTP secret, answers the second-factor prompt with the current code. */
  async signIn(email: string, password: string, totpSecret?: string) {
    await this.submitPassword(email, password);
    if (totpSecret) await this.enterCode(await totpCode(totpSecret));
  }

  /** Signs in and waits until the role's home page has loaded. */
  async signInAs(account: Credentials) {
    await this.signIn(account.email, account.password, account.totpSecret);
    await expect(this.page).toHaveURL(atPath(ROLE_HOME[account.role]));
  }

  async signOut() {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(atPath("/login"));
  }
}
