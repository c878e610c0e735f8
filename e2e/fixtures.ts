import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import type { DemoLogin } from "../prisma/seed";
import { e2eEnv } from "../scripts/test-support/e2e-env";

/** Demo accounts seeded by the e2e server (random passwords per run, read from the file it writes). */
export function demoLogins(): DemoLogin[] {
  return JSON.parse(readFileSync(e2eEnv().loginsFile, "utf8")) as DemoLogin[];
}

export function demoLogin(predicate: (login: DemoLogin) => boolean): DemoLogin {
  const login = demoLogins().find(predicate);
  if (!login) throw new Error("demo login not found");
  return login;
}

export const uniqueEmail = (prefix: string) => `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.test`;
export const STRONG_PASSWORD = "violet kettle harbour seventeen";

export async function totpCode(secret: string): Promise<string> {
  return generate({ secret });
}

/** The login page as a user sees it. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string, totpSecret?: string) {
    await this.page.goto("/login");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    if (totpSecret) {
      await this.page.getByLabel("Authentication code").fill(await totpCode(totpSecret));
      await this.page.getByRole("button", { name: "Sign in" }).click();
    }
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }
}

export async function expectNoSeriousAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const test = base.extend<{ loginPage: LoginPage }>({
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
});

export { expect };
