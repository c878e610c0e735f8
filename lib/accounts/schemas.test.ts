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

  it("takes an optional licence end date, refusing one that has passed", () => {
    const base = { name: "Ada Doctor", email: "ada@example.org", password: "violet kettle harbour seventeen", dateOfBirth: "1980-01-01", licenseJurisdiction: "DE", licenseNumber: "12 34" };
    expect(fieldErrorsOf(doctorApplicationSchema.safeParse({ ...base, licenseValidUntil: "2001-01-01" }).error!).licenseValidUntil).toEqual(["A license that has expired cannot be verified."]);
    expect(fieldErrorsOf(doctorApplicationSchema.safeParse({ ...base, licenseValidUntil: "next year" }).error!).licenseValidUntil).toEqual(["Enter a valid date."]);
    expect(fieldErrorsOf(doctorApplicationSchema.safeParse({ ...base, licenseValidUntil: "" }).error!).licenseValidUntil).toBeUndefined();
  });
});
