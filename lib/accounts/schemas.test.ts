import { describe, expect, it } from "vitest";
import { doctorApplicationSchema, fieldErrorsOf, patientRegistrationSchema } from "./schemas";

describe("registration validation reports every problem at once", () => {
  it("names the password problem even when other fields are invalid too", () => {
    const result = patientRegistrationSchema.safeParse({ name: "", email: "not-an-email", password: "password1234", dateOfBirth: "2999-01-01" });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrorsOf(result.error!)).sort()).toEqual(["dateOfBirth", "email", "name", "password"]);
  });

  it("names the license format problem beside missing practice fields", () => {
    const result = doctorApplicationSchema.safeParse({ name: "Ada Doctor", email: "ada@example.org", password: "violet kettle harbour seventeen", dateOfBirth: "1980-01-01", licenseJurisdiction: "DE", licenseNumber: "12 34" });
    const errors = fieldErrorsOf(result.error!);
    expect(errors.licenseNumber).toEqual(["Doesn't match the DE format (for example 123456701)."]);
    expect(errors.specialty).toBeDefined();
    expect(errors.password).toBeUndefined();
  });
});
