/** Authorization matrix entries: Sign-in, registration and the caller's own account (app/(public)/login, app/(public)/register, app/account). See index.ts for what the matrix is. */
import { createHmac } from "node:crypto";
import { generate } from "otplib";
import { changePassword } from "@/lib/account/change-password";
import { insertToken } from "@/lib/access-tokens/access-token-repository";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { revokeAccessToken } from "@/lib/access-tokens/revoke-token";
import { newTokenSecret, tokenHash } from "@/lib/access-tokens/token-secret";
import { logout, logoutEverywhere } from "@/lib/auth/sign-out";
import { serverEnv } from "@/lib/env";
import { updateMailPreferences } from "@/lib/mail/preferences";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes } from "@/lib/mfa/enrolment";
import { newTotpSecret } from "@/lib/mfa/totp";
import { OWNER_ONLY, ANY_SIGNED_IN } from "./matrix-types";
import type { MatrixEntry, MatrixFixtures } from "./matrix-types";

/** Mirrors lib/mfa/enrolment.ts: the HMAC that binds a pending TOTP secret to one user. */
function enrolmentSignature(userId: string, secret: string): string {
  return createHmac("sha256", serverEnv().authSecret).update(`totp-enrolment:${userId}:${secret}`).digest("hex");
}

/** A current code for the actor's own authenticator, or for a random secret when they have none. */
const currentCode = (fx: MatrixFixtures) => generate({ secret: fx.totpSecret ?? newTotpSecret() });

const NEW_PASSWORD = "velvet canyon orbit pepper";

export const ACCOUNT_MATRIX: MatrixEntry[] = [
  // app/(public)/login/actions.ts
  {
    kind: "public-action",
    file: "app/(public)/login/actions.ts",
    export: "loginAction",
    calls: 'signIn("credentials"',
    justification: "Signing in is how a visitor gets a session. Auth.js's credentials provider calls verifyLogin (rate limits, argon2id, second factor) and opens a fresh server-side session.",
  },
  // app/(public)/register/actions.ts
  {
    kind: "public-action",
    file: "app/(public)/register/actions.ts",
    export: "registerPatientAction",
    calls: "registerPatient(",
    justification: "Patient self-registration is open to visitors; an invitation token, when given, is the only credential and is checked by registerPatient.",
  },
  {
    kind: "public-action",
    file: "app/(public)/register/actions.ts",
    export: "applyAsDoctorAction",
    calls: "applyAsDoctor(",
    justification: "Anyone may apply as a doctor; the account acts as a doctor only after an administrator verifies it.",
  },
  // app/account/actions.ts
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "logoutAction",
    service: logout,
    rule: null,
    unauthorized: "Logging out only ends the session the request's own cookie names; it is harmless for anyone, so it needs no rule.",
    call: async (actor) => logout(actor),
    expected: { anonymous: "allow", patient: "allow", otherPatient: "allow", pendingDoctor: "allow", verifiedDoctor: "allow", suspendedDoctor: "allow", admin: "allow" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "createAccessTokenAction",
    service: createAccessToken,
    rule: "token.manage_own",
    call: (actor) => createAccessToken(actor, { name: "Matrix client", scopes: [actor?.role === "DOCTOR" ? "user/*.read" : "patient/*.read"], expiresInDays: 7 }),
    // Patients and verified doctors, on their own account; a pending doctor and an admin have no FHIR data to read.
    expected: { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "revokeAccessTokenAction",
    service: revokeAccessToken,
    rule: "token.manage_own",
    call: async (actor, fx) => {
      const token = await insertToken({ userId: fx.ownerId, name: "Owner's client", tokenHash: tokenHash(newTokenSecret()), scopes: ["patient/*.read"], expiresAt: new Date(Date.now() + 86_400_000) });
      return revokeAccessToken(actor, { tokenId: token.id }, fx.context);
    },
    expected: OWNER_ONLY,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "logoutEverywhereAction",
    service: logoutEverywhere,
    rule: "session.logout_everywhere",
    call: (actor) => logoutEverywhere(actor),
    expected: ANY_SIGNED_IN,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "changePasswordAction",
    service: changePassword,
    rule: "profile.change_password",
    call: (actor, fx) => changePassword(actor, { currentPassword: fx.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, fx.context),
    expected: ANY_SIGNED_IN,
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "confirmTotpEnrolmentAction",
    service: confirmTotpEnrolment,
    rule: "mfa.manage_own",
    call: async (actor, fx) => {
      const secret = newTotpSecret();
      return confirmTotpEnrolment(actor, { secret, signature: enrolmentSignature(actor?.id ?? "nobody", secret), code: await generate({ secret }) }, fx.context);
    },
    // Users who already have a second factor get past authorization and are told it is already on.
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow", verifiedDoctor: "allow:CONFLICT", suspendedDoctor: 401, admin: "allow:CONFLICT" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "regenerateRecoveryCodesAction",
    service: regenerateRecoveryCodes,
    rule: "mfa.manage_own",
    call: async (actor, fx) => regenerateRecoveryCodes(actor, { code: await currentCode(fx) }, fx.context),
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow:CONFLICT", verifiedDoctor: "allow", suspendedDoctor: 401, admin: "allow" },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "disableTotpAction",
    service: disableTotp,
    rule: "mfa.manage_own",
    call: async (actor, fx) => disableTotp(actor, { password: fx.password, code: await currentCode(fx) }, fx.context),
    // Administrators must keep their second factor: a domain refusal (FORBIDDEN, audited as mfa.disable DENY).
    expected: { anonymous: 401, patient: 404, otherPatient: 404, pendingDoctor: "allow:CONFLICT", verifiedDoctor: "allow", suspendedDoctor: 401, admin: 403 },
  },
  {
    kind: "action",
    file: "app/account/actions.ts",
    export: "updateMailPreferencesAction",
    service: updateMailPreferences,
    rule: "mail.manage_own_preferences",
    call: (actor, fx) => updateMailPreferences(actor, { appointments: "on", reminders: undefined, access: "on" }, fx.context),
    expected: ANY_SIGNED_IN,
  },
];
