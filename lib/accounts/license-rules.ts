/**
 * Licensing jurisdictions we accept and the format of their license numbers. A format check catches
 * typos before an administrator reviews the application; it does not replace checking the register.
 */
export const LICENSE_JURISDICTIONS = {
  "US-CA": { label: "United States – California (Medical Board of California)", pattern: /^[ACG]\d{5,6}$/, example: "A123456" },
  "US-NY": { label: "United States – New York (NYSED)", pattern: /^\d{6}$/, example: "234567" },
  GB: { label: "United Kingdom (GMC reference number)", pattern: /^\d{7}$/, example: "7012345" },
  DE: { label: "Germany (LANR)", pattern: /^\d{9}$/, example: "123456701" },
  FR: { label: "France (RPPS)", pattern: /^\d{11}$/, example: "10101234567" },
  NL: { label: "Netherlands (BIG register)", pattern: /^\d{11}$/, example: "19012345601" },
} as const;

export type LicenseJurisdiction = keyof typeof LICENSE_JURISDICTIONS;

export const JURISDICTION_CODES = Object.keys(LICENSE_JURISDICTIONS) as [LicenseJurisdiction, ...LicenseJurisdiction[]];

/** Upper-cases and strips spaces and dashes, so "a 123-456" is stored as "A123456". */
export function normalizeLicenseNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

export function licenseNumberProblem(jurisdiction: LicenseJurisdiction, licenseNumber: string): string | undefined {
  const rule = LICENSE_JURISDICTIONS[jurisdiction];
  return rule.pattern.test(licenseNumber) ? undefined : `Doesn't match the ${jurisdiction} format (for example ${rule.example}).`;
}

export const SPECIALTIES = [
  "General practice",
  "Cardiology",
  "Dermatology",
  "Endocrinology",
  "Gastroenterology",
  "Neurology",
  "Obstetrics and gynaecology",
  "Oncology",
  "Ophthalmology",
  "Orthopaedics",
  "Paediatrics",
  "Psychiatry",
  "Pulmonology",
  "Radiology",
] as const;
