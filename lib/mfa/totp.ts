import { generateSecret, generateURI, verify } from "otplib";

/** RFC 6238 TOTP, 30 s steps, 6 digits; one step of clock drift accepted either way. */
export const TOTP_ISSUER = "MedAnchor";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret });
}

export async function isValidTotp(secret: string, token: string): Promise<boolean> {
  if (!/^\d{6}$/.test(token)) return false;
  const result = await verify({ secret, token, epochTolerance: 30 });
  return result.valid;
}
