import type { Locator, Page } from "@playwright/test";
import { card } from "./doctor-dashboard";

/** /patient */
export class PatientDashboardPage {
  readonly publicId: Locator;
  readonly yourDoctors: Locator;

  constructor(readonly page: Page) {
    this.publicId = page.getByTestId("patient-public-id");
    this.yourDoctors = card(page, "Your doctors").getByRole("listitem");
  }

  async goto() {
    await this.page.goto("/patient");
  }

  welcome(firstName: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Welcome, ${firstName}` });
  }
}

/** /patient/doctors: the directory of verified doctors. */
export class FindDoctorPage {
  readonly heading: Locator;
  readonly nameOrFacility: Locator;
  readonly specialty: Locator;
  readonly searchButton: Locator;
  readonly results: Locator;
  readonly noMatches: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Find a doctor" });
    const search = page.getByRole("search", { name: "Doctors" });
    this.nameOrFacility = search.getByLabel("Name or facility");
    this.specialty = search.getByLabel("Specialty");
    this.searchButton = search.getByRole("button", { name: "Search" });
    this.results = page.getByRole("list", { name: "Verified doctors" }).getByRole("listitem");
    this.noMatches = page.getByText("No verified doctors match");
  }

  async goto() {
    await this.page.goto("/patient/doctors");
  }

  async search(nameOrFacility: string) {
    await this.goto();
    await this.nameOrFacility.fill(nameOrFacility);
    await this.searchButton.click();
    await this.page.waitForURL((url) => url.searchParams.get("query") === nameOrFacility);
  }
}
