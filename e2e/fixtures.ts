import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { DemoLogin } from "../prisma/seed";
import { e2eEnv } from "../scripts/test-support/e2e-env";
import { AccessTokensPage, AccountPage, SecurityPage } from "./pages/account-pages";
import { AdminAuditPage, AdminDoctorsPage, AdminFacilitiesPage, AdminUsersPage } from "./pages/admin-pages";
import { AvailabilityPage } from "./pages/availability-page";
import { DoctorAppointmentsPanel, NotificationBell, PatientAppointmentsPanel, SlotPickerPage } from "./pages/appointment-pages";
import { DoctorDashboardPage } from "./pages/doctor-dashboard";
import { DoctorDocumentPage, DoctorPatientPage, DoctorPatientsPage } from "./pages/doctor-patient-pages";
import { DocumentsPage } from "./pages/document-pages";
import { KeyboardUser } from "./pages/keyboard";
import { AdminAnchoringPage, PatientLedgerPage } from "./pages/ledger-pages";
import { LoginPage, ROLE_HOME } from "./pages/login-page";
import { FindDoctorPage, PatientDashboardPage } from "./pages/patient-pages";
import { DoctorApplicationPage, PatientRegistrationPage, type DoctorApplicant, type PatientDetails } from "./pages/registration-pages";
import { AccessLogPage, SharingPage } from "./pages/sharing-pages";
import { DocumentVerifyCard, VerifyPage } from "./pages/verify-pages";
import { SAVED_ROLES, storageStatePath, type SavedRole } from "./support/roles";

export { atPath, ROLE_HOME, totpCode, LoginPage } from "./pages/login-page";
export type { DoctorApplicant, PatientDetails } from "./pages/registration-pages";

/** Demo accounts seeded by the e2e server (random passwords per run, read from the file it writes). */
export function demoLogins(): DemoLogin[] {
  return JSON.parse(readFileSync(e2eEnv().loginsFile, "utf8")) as DemoLogin[];
}

export function demoLogin(predicate: (login: DemoLogin) => boolean): DemoLogin {
  const login = demoLogins().find(predicate);
  if (!login) throw new Error("demo login not found");
  return login;
}

/** The seeded administrator (password and TOTP secret). */
export const demoAdmin = () => demoLogin((l) => l.role === "ADMIN");
export const demoAccount = (email: string) => demoLogin((l) => l.email === email);

export const uniqueEmail = (prefix: string) => `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.test`;
export const STRONG_PASSWORD = "violet kettle harbour seventeen";

/** A letters-only suffix (names are searched as text, so keep them human-looking and unique per run). */
const uniqueSuffix = () => Array.from({ length: 6 }, (_, i) => String.fromCharCode((i === 0 ? 65 : 97) + randomInt(26))).join("");
export const uniqueName = (first: string, last: string) => `${first} ${last}-${uniqueSuffix()}`;

/** A GMC-format (GB, 7 digits) license number; license numbers are unique per jurisdiction. */
export const uniqueGbLicenseNumber = () => String(randomInt(1_000_000, 10_000_000));

export function newPatient(first: string, last: string): PatientDetails {
  return { name: uniqueName(first, last), email: uniqueEmail(first.toLowerCase()), password: STRONG_PASSWORD, dateOfBirth: "1988-09-21" };
}

/** A doctor applying with a fresh GB license at a seeded facility. */
export function newDoctorApplicant(first: string, last: string): DoctorApplicant {
  return {
    ...newPatient(first, last),
    dateOfBirth: "1979-02-11",
    specialty: "Endocrinology",
    licenseJurisdiction: "GB",
    licenseNumber: uniqueGbLicenseNumber(),
    facility: "Harbor Street Clinic · New York",
    timeZone: "Europe/London",
    bio: "Endocrinologist with a focus on thyroid disorders.",
  };
}

export async function expectNoSeriousAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Every page object, for one browser page: what one person sees in their own browser. */
export class UserBrowser {
  readonly login: LoginPage;
  readonly patientRegistration: PatientRegistrationPage;
  readonly doctorApplication: DoctorApplicationPage;
  readonly doctorDashboard: DoctorDashboardPage;
  readonly patientDashboard: PatientDashboardPage;
  readonly findDoctor: FindDoctorPage;
  readonly adminDoctors: AdminDoctorsPage;
  readonly adminFacilities: AdminFacilitiesPage;
  readonly adminUsers: AdminUsersPage;
  readonly account: AccountPage;
  readonly security: SecurityPage;
  readonly accessTokens: AccessTokensPage;
  readonly slotPicker: SlotPickerPage;
  readonly patientAppointments: PatientAppointmentsPanel;
  readonly doctorAppointments: DoctorAppointmentsPanel;
  readonly notifications: NotificationBell;
  readonly documents: DocumentsPage;
  readonly sharing: SharingPage;
  readonly accessLog: AccessLogPage;
  readonly doctorPatients: DoctorPatientsPage;
  readonly doctorPatient: DoctorPatientPage;
  readonly doctorDocument: DoctorDocumentPage;
  readonly ledger: PatientLedgerPage;
  readonly adminAnchoring: AdminAnchoringPage;
  readonly documentVerify: DocumentVerifyCard;
  readonly verify: VerifyPage;
  readonly keyboard: KeyboardUser;
  readonly availability: AvailabilityPage;
  readonly adminAudit: AdminAuditPage;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.patientRegistration = new PatientRegistrationPage(page);
    this.doctorApplication = new DoctorApplicationPage(page);
    this.doctorDashboard = new DoctorDashboardPage(page);
    this.patientDashboard = new PatientDashboardPage(page);
    this.findDoctor = new FindDoctorPage(page);
    this.adminDoctors = new AdminDoctorsPage(page);
    this.adminFacilities = new AdminFacilitiesPage(page);
    this.adminUsers = new AdminUsersPage(page);
    this.account = new AccountPage(page);
    this.security = new SecurityPage(page);
    this.accessTokens = new AccessTokensPage(page);
    this.slotPicker = new SlotPickerPage(page);
    this.patientAppointments = new PatientAppointmentsPanel(page);
    this.doctorAppointments = new DoctorAppointmentsPanel(page);
    this.notifications = new NotificationBell(page);
    this.documents = new DocumentsPage(page);
    this.sharing = new SharingPage(page);
    this.accessLog = new AccessLogPage(page);
    this.doctorPatients = new DoctorPatientsPage(page);
    this.doctorPatient = new DoctorPatientPage(page);
    this.doctorDocument = new DoctorDocumentPage(page);
    this.ledger = new PatientLedgerPage(page);
    this.adminAnchoring = new AdminAnchoringPage(page);
    this.documentVerify = new DocumentVerifyCard(page);
    this.verify = new VerifyPage(page);
    this.keyboard = new KeyboardUser(page);
    this.availability = new AvailabilityPage(page);
    this.adminAudit = new AdminAuditPage(page);
  }
}

async function withOtherBrowsers(browser: Browser, baseURL: string | undefined, use: (open: () => Promise<UserBrowser>) => Promise<void>) {
  const contexts: BrowserContext[] = [];
  await use(async () => {
    const context = await browser.newContext({ baseURL });
    contexts.push(context);
    return new UserBrowser(await context.newPage());
  });
  for (const context of contexts) await context.close();
}

/** Signs the demo account of a saved role in on this browser and saves its cookies for the role fixtures. */
export async function signInAndSaveRole(user: UserBrowser, role: SavedRole) {
  await user.login.signInAs(demoAccount(SAVED_ROLES[role].email));
  await user.page.context().storageState({ path: storageStatePath(role) });
}

/**
 * A new browser (its own context) with the role's saved session, opened on the role's home page. A run can
 * outlast the 30-minute idle timeout (SESSION_IDLE_MINUTES): a saved session the server no longer accepts
 * sends the browser to /login, and then the role signs in again and the saved state is refreshed.
 */
async function savedRoleBrowser(browser: Browser, options: { baseURL?: string; timezoneId?: string }, role: SavedRole, use: (user: UserBrowser) => Promise<void>) {
  // Without a saved state (e.g. run with --no-deps on a clean checkout) the role simply signs in below.
  const saved = existsSync(storageStatePath(role)) ? storageStatePath(role) : undefined;
  const context = await browser.newContext({ ...options, storageState: saved });
  const user = new UserBrowser(await context.newPage());
  await user.page.goto(ROLE_HOME[SAVED_ROLES[role].role]);
  if (new URL(user.page.url()).pathname === "/login") await signInAndSaveRole(user, role);
  await expect(user.page).toHaveURL((url) => url.pathname === ROLE_HOME[SAVED_ROLES[role].role]);
  await use(user);
  await context.close();
}

interface Fixtures {
  /** The page objects for the test's own page. */
  user: UserBrowser;
  /** The demo patient (Sofia Rossi), already signed in, in a browser of their own. */
  patient: UserBrowser;
  /** The demo doctor (Marcus Reed), already signed in, in a browser of their own. */
  doctor: UserBrowser;
  /** The demo administrator (Ada Admin, past the second factor), already signed in, in a browser of their own. */
  admin: UserBrowser;
  loginPage: LoginPage;
  /** Opens another browser (its own cookies), e.g. an admin acting while a doctor stays signed in. */
  openOtherBrowser: () => Promise<UserBrowser>;
}

export const test = base.extend<Fixtures>({
  user: async ({ page }, use) => {
    await use(new UserBrowser(page));
  },
  loginPage: async ({ user }, use) => {
    await use(user.login);
  },
  openOtherBrowser: async ({ browser, baseURL }, use) => {
    await withOtherBrowsers(browser, baseURL, use);
  },
  patient: async ({ browser, baseURL, timezoneId }, use) => {
    await savedRoleBrowser(browser, { baseURL, timezoneId }, "patient", use);
  },
  doctor: async ({ browser, baseURL, timezoneId }, use) => {
    await savedRoleBrowser(browser, { baseURL, timezoneId }, "doctor", use);
  },
  admin: async ({ browser, baseURL, timezoneId }, use) => {
    await savedRoleBrowser(browser, { baseURL, timezoneId }, "admin", use);
  },
});

export { expect };
