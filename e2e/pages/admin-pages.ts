import { expect, type Locator, type Page } from "@playwright/test";

type VerificationTab = "PENDING" | "VERIFIED" | "REJECTED" | "SUSPENDED" | "ALL";

/** A confirm-first dialog opened by an admin decision button (components/admin/confirm-dialog-form.tsx). */
export class DecisionDialog {
  readonly reason: Locator;
  readonly cancelButton: Locator;

  constructor(
    readonly dialog: Locator,
    private readonly confirmLabel: string,
  ) {
    this.reason = dialog.getByRole("textbox");
    this.cancelButton = dialog.getByRole("button", { name: "Cancel" });
  }

  async giveReason(reason: string) {
    await this.reason.fill(reason);
  }

  async confirm() {
    await this.dialog.getByRole("button", { name: this.confirmLabel }).click();
  }
}

const DECISIONS = {
  verify: { trigger: "Verify doctor", confirm: "Confirm verification", param: "VERIFY" },
  reject: { trigger: "Reject application", confirm: "Confirm rejection", param: "REJECT" },
  suspend: { trigger: "Suspend doctor", confirm: "Confirm suspension", param: "SUSPEND" },
  reinstate: { trigger: "Reinstate doctor", confirm: "Confirm reinstatement", param: "REINSTATE" },
} as const;
type Decision = keyof typeof DECISIONS;

/** /admin/doctors (the list) and /admin/doctors/<id> (one application and its decision panel). */
export class AdminDoctorsPage {
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly searchButton: Locator;
  readonly doctors: Locator;
  readonly decisionCard: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Doctors" });
    const search = page.getByRole("search", { name: "Search doctors" });
    this.searchBox = search.getByLabel("Search by name, email, specialty or license number");
    this.searchButton = search.getByRole("button", { name: "Search" });
    this.doctors = page.getByRole("table");
    this.decisionCard = page.locator("section").filter({ has: page.getByRole("heading", { name: "Decision", exact: true }) });
  }

  /** Without a tab, the page opens on its default: the review queue of pending applications. */
  async goto(tab?: VerificationTab) {
    await this.page.goto(tab ? `/admin/doctors?state=${tab}` : "/admin/doctors");
  }

  async search(text: string) {
    await this.searchBox.fill(text);
    await this.searchButton.click();
    await this.page.waitForURL((url) => url.searchParams.get("q") === text);
  }

  /** The list's row for a doctor, by the name linking to the application. */
  rowFor(name: string): Locator {
    return this.doctors.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** Finds the doctor in a tab (searching by name, so paging does not matter) and opens the application. */
  async openApplication(name: string, tab: VerificationTab = "ALL") {
    await this.goto(tab);
    await this.search(name);
    await this.rowFor(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  }

  /** Clicks a decision button on the open application and returns its confirmation dialog. */
  async startDecision(decision: Decision): Promise<DecisionDialog> {
    const { trigger, confirm } = DECISIONS[decision];
    await this.decisionCard.getByRole("button", { name: trigger }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return new DecisionDialog(dialog, confirm);
  }

  private async decide(name: string, decision: Decision, reason?: string) {
    await this.openApplication(name);
    const dialog = await this.startDecision(decision);
    if (reason !== undefined) await dialog.giveReason(reason);
    await dialog.confirm();
    await this.page.waitForURL((url) => url.searchParams.get("decided") === DECISIONS[decision].param);
  }

  async verify(name: string) {
    await this.decide(name, "verify");
  }

  async reject(name: string, reason: string) {
    await this.decide(name, "reject", reason);
  }

  async suspend(name: string, reason: string) {
    await this.decide(name, "suspend", reason);
  }

  async reinstate(name: string) {
    await this.decide(name, "reinstate");
  }
}

export interface FacilityDetails {
  name: string;
  city: string;
  address?: string;
}

/** /admin/facilities and /admin/facilities/<id>. */
export class AdminFacilitiesPage {
  readonly heading: Locator;
  readonly facilities: Locator;
  readonly name: Locator;
  readonly city: Locator;
  readonly address: Locator;
  readonly addFacilityButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Facilities" });
    this.facilities = page.getByRole("table");
    const form = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a facility" }) });
    this.name = form.getByLabel("Name", { exact: true });
    this.city = form.getByLabel("City", { exact: true });
    this.address = form.getByLabel("Address (optional)");
    this.addFacilityButton = form.getByRole("button", { name: "Add facility" });
  }

  async goto() {
    await this.page.goto("/admin/facilities");
  }

  /** The active facilities list's link to one facility. */
  linkTo(name: string): Locator {
    return this.facilities.getByRole("link", { name, exact: true });
  }

  /** Adds a facility and waits for its own page. */
  async addFacility(facility: FacilityDetails) {
    await this.goto();
    await this.name.fill(facility.name);
    await this.city.fill(facility.city);
    if (facility.address) await this.address.fill(facility.address);
    await this.addFacilityButton.click();
    await this.page.waitForURL(/\/admin\/facilities\/[^/?]+\?done=created/);
  }

  async deactivate(name: string) {
    await this.goto();
    await this.linkTo(name).click();
    await this.page.getByRole("button", { name: "Deactivate facility" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await dialog.getByRole("button", { name: "Confirm deactivation" }).click();
    await this.page.waitForURL(/\?done=deactivated/);
  }
}

/** /admin/users */
export class AdminUsersPage {
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly role: Locator;
  readonly searchButton: Locator;
  readonly users: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Users" });
    const search = page.getByRole("search", { name: "Search users" });
    this.searchBox = search.getByLabel("Search by name or email");
    this.role = search.getByLabel("Role");
    this.searchButton = search.getByRole("button", { name: "Search" });
    this.users = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") });
  }

  async goto() {
    await this.page.goto("/admin/users");
  }

  async search(text: string) {
    await this.goto();
    await this.searchBox.fill(text);
    await this.searchButton.click();
    await this.page.waitForURL((url) => url.searchParams.get("q") === text);
  }
}

export interface AuditFilters {
  action?: string;
  actorEmail?: string;
  outcome?: "Any" | "Allowed" | "Denied";
}

/** /admin/audit: the hash-chained audit trail, filtered by action, actor and outcome. */
export class AdminAuditPage {
  readonly heading: Locator;
  readonly chainIntact: Locator;
  readonly actionContains: Locator;
  readonly actorEmailContains: Locator;
  readonly outcome: Locator;
  readonly filterButton: Locator;
  /** The table's event rows (header row excluded). */
  readonly events: Locator;
  readonly noMatches: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Audit trail" });
    this.chainIntact = page.getByRole("status").filter({ hasText: /^Hash chain intact: \d+ events verified\.$/ });
    const search = page.getByRole("search", { name: "Audit events" });
    this.actionContains = search.getByLabel("Action contains");
    this.actorEmailContains = search.getByLabel("Actor email contains");
    this.outcome = search.getByLabel("Outcome");
    this.filterButton = search.getByRole("button", { name: "Filter" });
    this.events = page.getByRole("table", { name: "Audit events, newest first" }).getByRole("row").filter({ has: page.getByRole("cell") });
    this.noMatches = page.getByText("No events match these filters");
  }

  /** Through the header's "Audit" link, as an administrator gets there. */
  async open() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit", exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Sets every filter (empty when not given) and applies them. */
  async filter({ action = "", actorEmail = "", outcome = "Any" }: AuditFilters) {
    await this.actionContains.fill(action);
    await this.actorEmailContains.fill(actorEmail);
    await this.outcome.selectOption({ label: outcome });
    await this.filterButton.click();
    await this.page.waitForURL((url) => url.searchParams.get("action") === action && url.searchParams.get("actorEmail") === actorEmail);
  }

  /** The column texts of every event row shown: [when, actor, action, subject, outcome, details]. */
  async eventCells(): Promise<string[][]> {
    return Promise.all((await this.events.all()).map(async (row) => (await row.getByRole("cell").allInnerTexts()).map((text) => text.trim())));
  }
}
